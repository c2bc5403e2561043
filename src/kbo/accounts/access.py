"""The one door for access: who may see and change what, by role and province.

Every province-owned queryset has a `for_user(user)` method built on `scope()`; views,
exports and API endpoints fetch objects only through it, so a record of another province
answers 404. A record a user can see but may not change answers 403.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kbo.accounts.models import Membership, Role

_CACHE = "_kbo_memberships"


def memberships(user) -> list[Membership]:
    """The user's active memberships, read once per request."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, list(Membership.objects.active().filter(user=user)))
    return getattr(user, _CACHE)


def forget(user) -> None:
    """Drop the cached memberships (after they changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def is_national(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(m.role == Role.NATIONAL_ADMIN for m in memberships(user))


def roles(user) -> set[str]:
    found = {m.role for m in memberships(user)}
    if user.is_authenticated and user.is_superuser:
        found.add(Role.NATIONAL_ADMIN)
    return found


def has_role(user, *wanted: str) -> bool:
    return is_national(user) or bool(roles(user) & set(wanted))


def province_ids(user, roles: Iterable[str] | None = None) -> set[int]:
    """Provinces in which the user holds one of `roles` (any role when None)."""
    wanted = set(roles) if roles is not None else None
    return {
        m.province_id
        for m in memberships(user)
        if m.province_id is not None and (wanted is None or m.role in wanted)
    }


def scope(
    qs: QuerySet, user, field: str = "province", roles: Iterable[str] | None = None
) -> QuerySet:
    """`qs` limited to rows whose `field` is a province of the user's (all for national staff)."""
    if not user.is_authenticated:
        return qs.none()
    if is_national(user):
        return qs
    return qs.filter(**{f"{field}__in": province_ids(user, roles)})


def can_manage_province(user, province_id: int | None) -> bool:
    """May the user manage people and records of this province (officers and national staff)?"""
    if is_national(user):
        return True
    return province_id is not None and province_id in province_ids(user, roles=[Role.OFFICER])


def require_role(*wanted: str) -> Callable:
    """View decorator: 403 unless the user holds one of the roles (national staff always pass).

    Use after @login_required, so anonymous visitors are sent to the login page.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *wanted):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ProvinceScopedQuerySet(QuerySet):
    """For a model whose rows are private to a province: `for_user` keeps the rows of the
    user's provinces (all for national staff). Subclasses name the path to the province."""

    province_field = "province"

    def for_user(self, user):
        return scope(self, user, field=self.province_field)
