"""The inventory of personal data (Thailand's PDPA): every personal field, who sees it in
clear, and how it is masked for everyone else. Templates, serializers and exports read it
through `shown()` / `sees_in_clear()` (and the `{% personal %}` tag), never on their own.

National staff always see every field in clear. Otherwise a field is in clear for the roles
in `clear_for` held in the record's province, and for the person the record is about when
`self_sees` (a producer's own accounts, a user themself). A field whose audience is
`SIGNED_IN` is in clear for any signed-in user and empty for anonymous visitors.

This module imports no models, so every app may use it.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role

# What an erased personal field holds afterwards.
ANONYMOUS = "ลบข้อมูลส่วนบุคคลแล้ว"
SIGNED_IN = "signed_in"


def mask_id13(value: str) -> str:
    """A 13-digit ID with all but its first and last three digits hidden:
    "1101700207030" → "1-xxxx-xxxxx-03-0"."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 13:
        return "x" * len(value)
    return f"{digits[0]}-xxxx-xxxxx-{digits[10:12]}-{digits[12]}"


def mask_phone(value: str) -> str:
    """Only the last four digits, in one fixed shape: "0812345678" → "xxx-xxx-5678"."""
    digits = re.sub(r"\D", "", value)
    return f"xxx-xxx-{digits[-4:]}" if len(digits) >= 4 else "x" * len(value)


def mask_name(value: str) -> str:
    """The first word and the initial of the next: "นางบัวคำ จันทร์ดี" → "นางบัวคำ จ."."""
    words = value.split()
    if len(words) < 2:
        return f"{value[:1]}xxx" if value else ""
    return f"{words[0]} {words[1][:1]}."


def mask_email(value: str) -> str:
    """Hide the local part: "somchai@example.org" → "s***@example.org"."""
    local, _sep, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "x" * len(value)


def mask_all(value: str) -> str:
    return "xxxxx" if value else ""


@dataclass(frozen=True)
class PersonalField:
    model: str  # app_label.model_name
    field: str
    label: Promise
    mask: Callable[[str], str]
    clear_for: frozenset[str] | str  # roles in the record's province, or SIGNED_IN
    self_sees: bool = False
    erase: bool = True  # replaced on erasure (producers only)

    @property
    def key(self) -> str:
        return f"{self.model}.{self.field}"


OFFICER = frozenset({Role.OFFICER})
PROVINCE_TEAM = frozenset({Role.OFFICER, Role.COMMITTEE})

FIELDS: list[PersonalField] = [
    # A producer: officers of the province see it all, committee members the contact person
    # and address (they work with the producer); judges see everything masked.
    PersonalField(
        "registry.producer", "id_number", _("citizen or juristic ID"), mask_id13, OFFICER, True
    ),
    PersonalField("registry.producer", "phone", _("phone"), mask_phone, OFFICER, True),
    PersonalField(
        "registry.producer", "contact_name", _("contact person"), mask_name, PROVINCE_TEAM, True
    ),
    PersonalField("registry.producer", "address", _("address"), mask_all, PROVINCE_TEAM, True),
    # Knowledge sources gave their contact details to be contacted: signed-in users only.
    PersonalField("network.knowledgesource", "phone", _("phone"), mask_all, SIGNED_IN),
    PersonalField("network.knowledgesource", "email", _("email"), mask_all, SIGNED_IN),
    # Trainees: the training's officers (and its committee, for names).
    PersonalField("trainings.trainee", "name", _("name"), mask_name, PROVINCE_TEAM),
    PersonalField("trainings.trainee", "phone", _("phone"), mask_phone, OFFICER),
    # Users: themselves and the officers of their provinces.
    PersonalField("accounts.user", "email", _("email"), mask_email, OFFICER, True),
    PersonalField("accounts.user", "phone", _("phone"), mask_phone, OFFICER, True),
]
BY_KEY: dict[str, PersonalField] = {f.key: f for f in FIELDS}


def fields_of(model: str) -> list[PersonalField]:
    return [f for f in FIELDS if f.model == model]


def sees_in_clear(
    user, field: PersonalField, *, province_id: int | None, is_self: bool = False
) -> bool:
    """Does `user` see `field` of a record of `province_id` in clear? No query: memberships
    are read once per request by `access`."""
    if field.clear_for == SIGNED_IN:
        return bool(user.is_authenticated)
    if not user.is_authenticated:
        return False
    if access.is_national(user) or (is_self and field.self_sees):
        return True
    return province_id is not None and province_id in access.province_ids(
        user, roles=field.clear_for
    )


def shown(user, field: PersonalField, value: str, *, province_id: int | None, is_self=False):
    """The value as `user` may see it: in clear, masked, or empty for anonymous visitors
    when the field is for signed-in users."""
    if not value or sees_in_clear(user, field, province_id=province_id, is_self=is_self):
        return value
    return "" if field.clear_for == SIGNED_IN else field.mask(value)


# Who a record is about, and where it belongs -------------------------------------------


def record_context(user, obj, province_id: int | None = None) -> tuple[str, int | None, bool]:
    """(model label, province id, is the user the person) for a record of the inventory.
    Give `province_id` when the caller knows it (saves a query for trainees)."""
    label = obj._meta.label_lower
    if label == "registry.producer":
        from kbo.registry.models import owned_producer_ids

        return label, obj.province_id, obj.pk in owned_producer_ids(user)
    if label == "trainings.trainee":
        return label, province_id or obj.training.project.province_id, False
    if label == "accounts.user":
        provinces = [m.province_id for m in access.memberships(obj)]
        own = set(access.province_ids(user, roles=[Role.OFFICER]))
        shared = next((p for p in provinces if p in own), None)
        return label, shared, user.is_authenticated and obj.pk == user.pk
    return label, None, False


def value_for(user, obj, name: str, province_id: int | None = None) -> str:
    """`obj.<name>` as `user` may see it (in clear when the field is not personal)."""
    value = getattr(obj, name) or ""
    label, province_id, is_self = record_context(user, obj, province_id)
    field = BY_KEY.get(f"{label}.{name}")
    if field is None:
        return value
    return shown(user, field, str(value), province_id=province_id, is_self=is_self)


def clear_fields(user, obj, names: Iterable[str] | None = None) -> list[str]:
    """The personal fields of `obj` (among `names`, all when None) that `user` sees in clear
    and that hold a value: what an access-log row records."""
    label, province_id, is_self = record_context(user, obj)
    return [
        f.field
        for f in fields_of(label)
        if (names is None or f.field in names)
        and bool(getattr(obj, f.field, None))
        and sees_in_clear(user, f, province_id=province_id, is_self=is_self)
    ]


def mask_data(user, obj, data: dict) -> dict:
    """Mask the personal fields of a serialized `obj` in place (API serializers)."""
    label, province_id, is_self = record_context(user, obj)
    for field in fields_of(label):
        if data.get(field.field):
            data[field.field] = shown(
                user, field, str(data[field.field]), province_id=province_id, is_self=is_self
            )
    return data


def clear_somewhere(user, model: str) -> list[str]:
    """The personal fields of `model` that `user` sees in clear on at least some records
    (what a list or an export of them may hold in clear)."""
    own = False
    if model == "registry.producer":
        from kbo.registry.models import owned_producer_ids

        own = bool(owned_producer_ids(user))
    found = []
    for field in fields_of(model):
        if field.clear_for == SIGNED_IN:
            clear = bool(user.is_authenticated)
        else:
            clear = (
                access.is_national(user)
                or bool(access.province_ids(user, roles=field.clear_for))
                or (own and field.self_sees)
            )
        if clear:
            found.append(field.field)
    return found


def masked_changes(user, obj, changes: dict) -> list[tuple[str, list]]:
    """An audit entry's displayed changes ({verbose name: [old, new]}) with the personal
    values `user` may not see in clear masked (the history page)."""
    label, province_id, is_self = record_context(user, obj)
    hidden = {
        str(obj._meta.get_field(f.field).verbose_name): f
        for f in fields_of(label)
        if not sees_in_clear(user, f, province_id=province_id, is_self=is_self)
    }
    rows = []
    for name, values in changes.items():
        field = hidden.get(str(name))
        if field is not None:
            values = [
                v if v in (None, "", "None") else shown(user, field, str(v), province_id=None)
                for v in values
            ]
        rows.append((name, values))
    return rows
