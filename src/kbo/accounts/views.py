from auditlog.models import LogEntry
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from kbo.accounts import access, services
from kbo.accounts.filters import PeopleFilter
from kbo.accounts.forms import MembershipForm, PersonCreateForm, PreferencesForm
from kbo.accounts.models import Membership, Role

# Models whose history page is reachable, by "app_label.model"; each has objects.for_user().
HISTORY_MODELS = {
    "accounts.user",
    "accounts.membership",
    "geo.region",
    "geo.province",
    "geo.district",
    "geo.subdistrict",
    "registry.producer",
    "registry.product",
    "network.meeting",
    "network.network",
    "network.knowledgesource",
    "trainings.training",
    "programmes.project",
    "programmes.decision",
    "programmes.planitem",
    "programmes.analysis",
}


@login_required
def preferences(request):
    form = PreferencesForm(
        request.POST or None,
        instance=request.user,
        initial={"language": translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        language = form.cleaned_data["language"]
        translation.activate(language)
        messages.success(request, _("Your preferences were saved."))
        response = redirect("accounts:preferences")
        response.set_cookie("kbo_language", language, max_age=365 * 24 * 3600, samesite="Lax")
        return response
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
@access.require_role(Role.OFFICER)
def people(request):
    memberships = Membership.objects.for_user(request.user).select_related("user", "province")
    people_filter = PeopleFilter(request.GET, queryset=memberships, request=request)
    page = Paginator(people_filter.qs, 50).get_page(request.GET.get("page"))
    template = "accounts/_people_table.html" if request.htmx else "accounts/people.html"
    return render(request, template, {"filter": people_filter, "page": page})


@login_required
@access.require_role(Role.OFFICER)
def person_add(request):
    form = PersonCreateForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = services.person_create(
            by=request.user,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            password=data["password"],
            role=data["role"],
            province=data["province"],
            organisation=data["organisation"],
        )
        messages.success(request, _("%(name)s was added.") % {"name": membership.user})
        return redirect("accounts:membership", pk=membership.pk)
    return render(request, "accounts/person_form.html", {"form": form})


@login_required
def membership_detail(request, pk):
    membership = get_object_or_404(
        Membership.objects.for_user(request.user).select_related("user", "province"), pk=pk
    )
    others = Membership.objects.for_user(request.user).filter(user=membership.user).exclude(pk=pk)
    return render(
        request,
        "accounts/membership.html",
        {
            "membership": membership,
            "others": others.select_related("province"),
            "can_change": access.can_manage_province(request.user, membership.province_id)
            and membership.user_id != request.user.pk,
        },
    )


@login_required
def membership_edit(request, pk):
    membership = get_object_or_404(
        Membership.objects.for_user(request.user).select_related("user", "province"), pk=pk
    )
    if membership.user_id == request.user.pk or not access.can_manage_province(
        request.user, membership.province_id
    ):
        raise PermissionDenied
    form = MembershipForm(request.POST or None, instance=membership, by=request.user)
    if request.method == "POST" and form.is_valid():
        services.membership_update(
            by=request.user,
            membership=membership,
            role=form.cleaned_data["role"],
            organisation=form.cleaned_data["organisation"],
            is_active=form.cleaned_data["is_active"],
        )
        messages.success(request, _("The membership was saved."))
        return redirect("accounts:membership", pk=membership.pk)
    return render(
        request, "accounts/membership_form.html", {"form": form, "membership": membership}
    )


@login_required
def history(request, label, pk):
    """Who changed this record, when, and what: readable in Thai or English."""
    if label not in HISTORY_MODELS:
        raise Http404
    model = apps.get_model(label)
    obj = get_object_or_404(model.objects.for_user(request.user), pk=pk)
    entries = (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")  # changes_display_dict reads the model
        .order_by("-timestamp")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    # privacy sits above every app: imported here. Personal values masked as on the record.
    from kbo.privacy.fields import masked_changes

    for entry in page:
        entry.shown_changes = masked_changes(request.user, obj, entry.changes_display_dict)
    return render(
        request,
        "accounts/history.html",
        {
            "object": obj,
            "page": page,
            "verbose_name": model._meta.verbose_name,
        },
    )
