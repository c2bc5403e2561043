from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role


def navigation(request):
    """The menu for the user's roles: each entry is (label, url, active)."""
    user = request.user
    items = [
        (_("Home"), reverse("core:home")),
        (_("Geography"), reverse("geo:index")),
        (_("KBO networks"), reverse("network:index")),
        (_("Showcase"), reverse("showcase:index")),
    ]
    if user.is_authenticated:
        if access.roles(user):
            items.append((_("Registry"), reverse("registry:products")))
        items.append((_("Knowledge library"), reverse("knowledge:index")))
        if access.has_role(user, Role.OFFICER, Role.COMMITTEE):
            items.append((_("KBO projects"), reverse("programmes:projects")))
        if access.has_role(user, Role.OFFICER, Role.COMMITTEE, Role.JUDGE):
            items.append((_("Contests"), reverse("contests:contests")))
        if access.has_role(user, Role.OFFICER, Role.COMMITTEE):
            items.append((_("Outcomes"), reverse("outcomes:index")))
        if access.has_role(user, Role.OFFICER, Role.COMMITTEE, Role.JUDGE):
            items.append((_("Dashboards"), reverse("dashboards:index")))
        if access.has_role(user, Role.OFFICER):
            items.append((_("Reports"), reverse("reports:index")))
        if Role.PRODUCER in access.roles(user):
            items.append((_("My sales"), reverse("outcomes:mine")))
        if access.has_role(user, Role.OFFICER):
            items.append((_("People"), reverse("accounts:people")))
        items.append((_("Background jobs"), reverse("core:jobs")))
        items.append((_("API"), reverse("api:docs")))
        if access.is_national(user) and user.is_staff:
            items.append((_("Administration"), reverse("admin:index")))
    path = request.path
    home = reverse("core:home")
    nav = [
        (label, url, path == url if url == home else path.startswith(url)) for label, url in items
    ]
    return {
        "nav_items": nav,
        "user_roles": sorted(access.roles(user)) if user.is_authenticated else [],
        "user_is_national": access.is_national(user),
    }
