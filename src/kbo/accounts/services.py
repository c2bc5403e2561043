"""Changes to people and their roles. Each runs in a transaction and is audited."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.accounts.models import Membership, Role, User
from kbo.geo.models import Province


def grantable_roles(user) -> list[tuple[str, Any]]:
    """Roles this user may give: officers give provincial roles, national staff any role."""
    if access.is_national(user):
        return list(Role.choices)
    return [(value, label) for value, label in Role.choices if value != Role.NATIONAL_ADMIN]


def _check_may_grant(by, role: str, province: Province | None) -> None:
    if role not in dict(grantable_roles(by)):
        raise PermissionDenied(
            _("You may not give the role %(role)s.") % {"role": Role(role).label}
        )
    if role != Role.NATIONAL_ADMIN and not access.can_manage_province(
        by, province.pk if province else None
    ):
        raise PermissionDenied(_("You may not manage people of this province."))


@transaction.atomic
def person_create(
    *,
    by,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    password: str,
    role: str,
    province: Province | None,
    organisation: str = "",
) -> Membership:
    """Create a user with their first role."""
    _check_may_grant(by, role, province)
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email, phone=phone
    )
    user.set_password(password)
    user.is_staff = role == Role.NATIONAL_ADMIN
    user.save()
    return Membership.objects.create(
        user=user,
        role=role,
        province=None if role == Role.NATIONAL_ADMIN else province,
        organisation=organisation,
    )


@transaction.atomic
def membership_update(
    *, by, membership: Membership, role: str, organisation: str, is_active: bool
) -> Membership:
    """Change a membership's role, organisation or activity (its province stays)."""
    _check_may_grant(by, role, membership.province)
    if (role == Role.NATIONAL_ADMIN) != (membership.role == Role.NATIONAL_ADMIN):
        raise PermissionDenied(_("A provincial role cannot become national, nor the reverse."))
    membership.role = role
    membership.organisation = organisation
    membership.is_active = is_active
    membership.save(update_fields=["role", "organisation", "is_active"])
    access.forget(membership.user)
    return membership
