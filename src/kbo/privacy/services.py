"""Personal data: logging reads, consents, a producer's data on request, and erasure."""

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.core import locking
from kbo.privacy import fields as inventory
from kbo.privacy.models import AccessKind, Consent, Erasure, PersonalDataAccess, Purpose
from kbo.registry.models import Certificate, Producer, ProducerType, owned_producer_ids

REDACTED = "[ลบแล้ว]"


# Access log ------------------------------------------------------------------------------


def log_access(
    request,
    *,
    fields: list[str],
    kind: str = AccessKind.VIEW,
    obj=None,
    model: str = "",
    province_id: int | None = None,
) -> PersonalDataAccess | None:
    """One row for one request that showed `fields` in clear (nothing when none): one INSERT."""
    if not fields or not request.user.is_authenticated:
        return None
    if obj is not None:
        model = model or obj._meta.label_lower
        province_id = province_id or getattr(obj, "province_id", None)
    return PersonalDataAccess.objects.create(
        user=request.user,
        model=model,
        object_id=obj.pk if obj is not None else None,
        province_id=province_id,
        fields=sorted(set(fields)),
        kind=kind,
        path=request.get_full_path()[:300],
        request_id=str(getattr(request, "request_id", ""))[:64],
    )


def log_record_view(request, obj, *, kind: str = AccessKind.VIEW) -> PersonalDataAccess | None:
    """Log the personal fields of `obj` this user sees in clear (none logged: no row)."""
    return log_access(request, fields=inventory.clear_fields(request.user, obj), kind=kind, obj=obj)


# Rights ----------------------------------------------------------------------------------


def is_own(user, producer: Producer) -> bool:
    return producer.pk in owned_producer_ids(user)


def may_request(user, producer: Producer) -> bool:
    """The producer's personal data on request: the producer, officers of the province and
    national staff."""
    return access.can_manage_province(user, producer.province_id) or is_own(user, producer)


def is_erased(producer: Producer) -> bool:
    return Erasure.objects.filter(producer=producer).exists()


# Consent ---------------------------------------------------------------------------------


@transaction.atomic
def consent_record(*, by, producer: Producer, purpose: str, given: bool, evidence: str = ""):
    """Record a consent given or withdrawn (a new row: the history stays)."""
    if not access.can_manage_province(by, producer.province_id):
        raise PermissionDenied(_("You may not record consents for this province."))
    if purpose not in Purpose.values:
        raise ValidationError(_("Unknown purpose."))
    consent = Consent(
        producer=producer, purpose=purpose, given=given, recorded_by=by, evidence=evidence
    )
    consent.full_clean()
    consent.save()
    return consent


def consent_state(producer: Producer) -> dict[str, Consent | None]:
    """The latest consent of each purpose (None: never asked), in one query."""
    state: dict[str, Consent | None] = dict.fromkeys(Purpose.values)
    for consent in producer.consents.select_related("recorded_by"):
        if state[consent.purpose] is None:
            state[consent.purpose] = consent
    return state


def _newest_first(purpose: str, producer) -> QuerySet[Consent]:
    """A producer's consents of `purpose`, the one in force first."""
    return Consent.objects.filter(producer=producer, purpose=purpose).order_by(
        "-recorded_at", "-pk"
    )


def consent_is_given(producer_id: int, purpose: str) -> bool:
    """Whether the producer's latest consent of `purpose` is given (never asked: no)."""
    return bool(_newest_first(purpose, producer_id).values_list("given", flat=True).first())


def consent_given(purpose: str, producer_ref: str = "pk") -> Subquery:
    """Whether the latest consent of `purpose` is given, as an expression over producers
    (None when never recorded): `.annotate(publish=consent_given(Purpose.PUBLICATION))`,
    or with `producer_ref="producer"` over products."""
    return Subquery(_newest_first(purpose, OuterRef(producer_ref)).values("given")[:1])


def publication_allowed(producer_ids) -> set[int]:
    """The producers (among `producer_ids`) whose contact details may be published: their
    latest PUBLICATION consent is given. One query."""
    allowed = (
        Producer.objects.filter(pk__in=list(producer_ids))
        .annotate(publish=consent_given(Purpose.PUBLICATION))
        .filter(publish=True)
    )
    return set(allowed.values_list("pk", flat=True))


# A producer's data on request ------------------------------------------------------------


def producer_data(producer: Producer) -> dict:
    """Everything personal the platform holds about a producer, with Thai labels."""
    from kbo.trainings.models import Trainee

    personal = [
        {"key": f.field, "label": str(f.label), "value": getattr(producer, f.field) or ""}
        for f in inventory.fields_of("registry.producer")
    ]
    accounts = [
        {
            "username": u.username,
            "name": u.get_full_name(),
            "email": u.email,
            "phone": u.phone,
        }
        for u in producer.accounts.order_by("username")
    ]
    trainees = [
        {
            "training": t.training.title,
            "name": t.name,
            "phone": t.phone,
        }
        for t in Trainee.objects.filter(producer=producer).select_related("training")
    ]
    consents = [
        {
            "purpose": c.purpose,
            "purpose_label": str(c.get_purpose_display()),
            "given": c.given,
            "recorded_at": c.recorded_at.isoformat(),
            "evidence": c.evidence,
        }
        for c in producer.consents.all()
    ]
    return {
        "producer": {
            "code": producer.code,
            "name": producer.name,
            "producer_type": producer.producer_type,
            "province": producer.province.name_th,
            "district": producer.district.name_th,
            "subdistrict": producer.subdistrict.name_th,
            "village_no": producer.village_no,
            "registered_year": producer.registered_year,
        },
        "personal_data": personal,
        "accounts": accounts,
        "trainings": trainees,
        "consents": consents,
        "products": list(producer.products.order_by("code").values("code", "name")),
        "generated_at": timezone.now().isoformat(),
        "labels": {
            "producer": "ผู้ผลิต",
            "personal_data": "ข้อมูลส่วนบุคคล",
            "accounts": "บัญชีผู้ใช้ที่เชื่อมโยง",
            "trainings": "การฝึกอบรม",
            "consents": "ความยินยอม",
            "products": "ผลิตภัณฑ์",
            "generated_at": "วันเวลาที่จัดทำ",
        },
    }


# Erasure ---------------------------------------------------------------------------------


def _redact_history(model, pk: int, names: set[str], label_names: set[str]) -> None:
    """Blank the erased values in the audit history of one record (the entries stay)."""
    content_type = ContentType.objects.get_for_model(model)
    for entry in LogEntry.objects.filter(content_type=content_type, object_pk=str(pk)):
        changes = entry.changes_dict
        touched = False
        for name in names & set(changes):
            changes[name] = [REDACTED if v not in (None, "") else v for v in changes[name]]
            touched = True
        if touched or label_names:
            entry.changes = changes
            entry.changes_text = ""
            entry.serialized_data = None
            if label_names:
                entry.object_repr = inventory.ANONYMOUS
            entry.save(update_fields=["changes", "changes_text", "serialized_data", "object_repr"])


@transaction.atomic
def producer_erase(*, by, producer: Producer, reason: str) -> Erasure:
    """Erase a producer's personal data on request; products, sales, stars, projects and
    contest results stay, so statistics do not change. Audited; done once."""
    from kbo.registry.services import producer_search_text, product_search_text
    from kbo.trainings.models import Trainee

    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if not access.can_manage_province(by, producer.province_id):
        raise PermissionDenied(_("You may not erase personal data of this province."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the erasure."))
    if Erasure.objects.filter(producer=producer).exists():
        raise ValidationError(_("This producer's personal data has already been erased."))

    erased = []
    for field in inventory.fields_of("registry.producer"):
        if getattr(producer, field.field):
            erased.append(field.field)
        text = field.field in ("contact_name", "address")
        setattr(producer, field.field, inventory.ANONYMOUS if text else "")
    renamed = producer.producer_type == ProducerType.SINGLE_OWNER
    if renamed:  # a single owner's business is often named after the person
        producer.name = f"{inventory.ANONYMOUS} ({producer.code})"
        erased.append("name")
    producer.community_linkage = ""
    producer.search_text = producer_search_text(producer)

    trainees = list(Trainee.objects.filter(producer=producer))
    files = 0
    scans = Certificate.objects.filter(product__producer=producer).exclude(file="")
    for certificate in scans:  # scans carry the owner's name and address
        certificate.file.storage.delete(str(certificate.file.name))
        files += 1
    scans.update(file="")
    accounts = list(producer.accounts.values_list("pk", flat=True))

    # A new version: an edit form opened before the erasure cannot write the old values back.
    locking.claim(producer, None, by=by)
    with disable_auditlog():  # the audit entry below records the erasure without the values
        producer.save()
        if renamed:
            for product in producer.products.all():
                product.search_text = product_search_text(product, producer)
                product.save(update_fields=["search_text"])
        for trainee in trainees:
            trainee.name, trainee.phone = inventory.ANONYMOUS, ""
            trainee.save(update_fields=["name", "phone"])
        producer.accounts.clear()

    _redact_history(Producer, producer.pk, set(erased) | {"community_linkage"}, set())
    if renamed:
        _redact_history(Producer, producer.pk, {"name"}, {"name"})
    for trainee in trainees:
        _redact_history(Trainee, trainee.pk, {"name", "phone"}, {"name"})

    erasure = Erasure.objects.create(
        producer=producer,
        erased_by=by,
        reason=reason.strip(),
        fields=sorted(erased),
        files_deleted=files,
        accounts_unlinked=len(accounts),
        trainees_erased=len(trainees),
    )
    LogEntry.objects.log_create(
        producer,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=by,
        changes={name: [REDACTED, inventory.ANONYMOUS] for name in sorted(erased)},
        additional_data={"erasure": erasure.pk, "reason": erasure.reason},
    )
    return erasure
