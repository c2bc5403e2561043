"""Yearly projects: the project, its eligibility criteria, the candidates with the reasons
they qualify, and the committee's decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core.locking import StaleEdit
from kbo.core.paging import CappedPaginator
from kbo.geo.models import Province
from kbo.programmes import plans, services
from kbo.programmes.forms import CriteriaForm, DecisionForm, ProjectForm
from kbo.programmes.models import Activity, Criteria, Decision, Project
from kbo.registry.models import Product
from kbo.search import matches

PROJECT_ROLES = (Role.OFFICER, Role.COMMITTEE)
CANDIDATES_PER_PAGE = 50
UNDECIDED = "UNDECIDED"


@login_required
@access.require_role(*PROJECT_ROLES)
def projects(request: HttpRequest) -> HttpResponse:
    found = Project.objects.for_user(request.user).select_related("province")
    return render(
        request,
        "programmes/projects.html",
        {
            "projects": found,
            "can_add": access.has_role(request.user, Role.OFFICER),
        },
    )


@login_required
@access.require_role(Role.OFFICER)
def project_add(request: HttpRequest) -> HttpResponse:
    provinces = Province.objects.all()
    if not access.is_national(request.user):
        provinces = provinces.filter(pk__in=access.province_ids(request.user, roles=[Role.OFFICER]))
    form = ProjectForm(request.POST or None, provinces=provinces)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save()
            services.criteria_save(
                by=request.user, criteria=Criteria(project=project, **Criteria.defaults())
            )
            for kind in Activity.Kind.values:
                Activity.objects.create(project=project, kind=kind)
        return redirect("programmes:project", pk=project.pk)
    return render(request, "programmes/form.html", {"form": form, "title": _("New yearly project")})


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.for_user(request.user).select_related("province", "criteria"), pk=pk
    )


@login_required
@access.require_role(*PROJECT_ROLES)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    show = request.GET.get("show", "")
    text = request.GET.get("q", "").strip()
    found = services.candidates(project)
    if show == UNDECIDED:
        found = found.exclude(kbo_decisions__project=project)
    elif show in Decision.Status.values:
        found = found.filter(kbo_decisions__project=project, kbo_decisions__status=show)
    found = matches(found, text)
    page = CappedPaginator(found, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [services.Candidate(product, services.reasons(product)) for product in page]
    page_ids = [c.product.pk for c in rows]
    decisions = {
        d.product_id: d
        for d in project.decisions.filter(product_id__in=page_ids).select_related("decided_by")
    }
    selected = project.decisions.filter(status=Decision.Status.SELECTED).count()
    # One batch of queries for the page, however long the list is.
    history = plans.histories(page_ids, before_year=project.fiscal_year)
    return render(
        request,
        "programmes/project.html",
        {
            "project": project,
            "criteria": project.criteria,
            "rules": services.rules_in_words(project.criteria),
            "candidates": [(c, decisions.get(c.product.pk), history[c.product.pk]) for c in rows],
            "page": page,
            "show": show,
            "q": text,
            "shows": [
                ("", _("All candidates")),
                (UNDECIDED, _("Not decided yet")),
                *Decision.Status.choices,
            ],
            "selected": selected,
            "participants": plans.selected_progress(project),
            "targets": plans.target_actuals(project),
            "activities": sorted(
                project.activities.all(), key=lambda a: Activity.Kind.values.index(a.kind)
            ),
            "can_change": access.can_manage_province(request.user, project.province_id),
            "statuses": Decision.Status.choices,
        },
    )


@login_required
def criteria_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not access.can_manage_province(request.user, project.province_id):
        raise PermissionDenied
    form = CriteriaForm(request.POST or None, instance=project.criteria)
    if request.method == "POST" and form.is_valid():
        services.criteria_save(
            by=request.user,
            criteria=form.save(commit=False),
            districts=form.cleaned_data["districts"],
        )
        return redirect("programmes:project", pk=project.pk)
    return render(
        request, "programmes/form.html", {"form": form, "title": _("Eligibility criteria")}
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, product_pk: int) -> HttpResponse:
    project = _project(request, pk)
    product = get_object_or_404(Product.objects.for_user(request.user), pk=product_pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("programmes:project", pk=project.pk)
    try:
        services.decision_record(
            by=request.user,
            project=project,
            product=product,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            confirm_over_target=form.cleaned_data["confirm"],
            version=form.cleaned_data["version"],
        )
    except StaleEdit as stale:
        # Their choice stays in the form, the decision recorded meanwhile beside it.
        return render(
            request,
            "programmes/decision_conflict.html",
            {
                "project": project,
                "product": product,
                "form": form,
                "stale": stale,
                "current": stale.current,
                "statuses": Decision.Status.choices,
                "next": request.POST.get("next", ""),
            },
            status=409,
        )
    except services.TargetExceeded as exceeded:
        messages.error(request, str(exceeded))
    else:
        messages.success(
            request, _("The decision on %(product)s was recorded.") % {"product": product}
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("programmes:project", args=[project.pk])
    return redirect(back.split("#")[0] + f"#p-{product.pk}")
