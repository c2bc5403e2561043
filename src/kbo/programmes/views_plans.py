"""Pages to develop a selected product (the participant page, its analysis, needs, plan,
evidence and prototypes) and the project's targets and activities.

Decisions are fetched through `for_user()` (another province's answers 404) and only when
SELECTED; changes go through kbo.programmes.plans, which checks the right to change.
Evidence and prototype photos are private: they are served through views that check access.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core.files import serve
from kbo.core.forms import show_errors
from kbo.core.locking import StaleEdit, show_stale
from kbo.programmes import plans
from kbo.programmes.forms_plans import (
    ActivityForm,
    AnalysisForm,
    EvidenceForm,
    NeedForm,
    PlanItemForm,
    PrototypeForm,
    PrototypeVersionForm,
    TargetFormSet,
)
from kbo.programmes.models import (
    Activity,
    Analysis,
    Decision,
    Evidence,
    Need,
    PlanItem,
    Project,
    Prototype,
    PrototypeVersion,
    Target,
)

STAFF = (Role.OFFICER, Role.COMMITTEE)


def _decision(request: HttpRequest, pk: int) -> Decision:
    """A selected decision of the user's provinces (404 otherwise)."""
    return get_object_or_404(
        Decision.objects.for_user(request.user)
        .filter(status=Decision.Status.SELECTED)
        .select_related("project__province", "product__producer"),
        pk=pk,
    )


def _for_work(request: HttpRequest, decision: Decision) -> Decision:
    if not plans.can_work_on(request.user, decision.project.province_id):
        raise PermissionDenied
    return decision


def _participant_url(decision_pk: int, anchor: str = "") -> str:
    url = reverse("programmes:participant", args=[decision_pk])
    return f"{url}#{anchor}" if anchor else url


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    decision: Decision,
    title: str,
    multipart: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "programmes/plan_form.html",
        {"form": form, "decision": decision, "title": title, "multipart": multipart},
        status=status,
    )


# The participant page ------------------------------------------------------------------


@login_required
@access.require_role(*STAFF)
def participant(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        plans.with_development(
            Decision.objects.for_user(request.user).filter(status=Decision.Status.SELECTED)
        ),
        pk=pk,
    )
    history = plans.product_history(decision.product, before=decision.project)
    needs = list(decision.needs.all())
    # The library sits above programmes: imported here. One query per distinct area.
    from kbo.knowledge import related

    knowledge = related.for_needs(
        request.user, [(need.pk, need.area) for need in needs], decision.product.category
    )
    for need in needs:
        need.related_knowledge = knowledge[need.pk]  # type: ignore[attr-defined]
    items = list(decision.plan_items.all())
    # Plan items of areas no need names (a plan recorded without an analysis) get theirs too.
    covered = {need.area for need in needs}
    other_areas = list(dict.fromkeys(i.area for i in items if i.area not in covered))
    plan_knowledge = (
        related.for_product(request.user, decision.product, areas=other_areas)
        if other_areas
        else []
    )
    return render(
        request,
        "programmes/participant.html",
        {
            "decision": decision,
            "project": decision.project,
            "product": decision.product,
            "analysis": plans.analysis_of(decision),
            "needs": needs,
            "items": items,
            "plan_knowledge": plan_knowledge,
            "prototypes": list(decision.prototypes.all()),
            "history": history,
            "can_work": plans.can_work_on(request.user, decision.project.province_id),
        },
    )


@login_required
@access.require_role(*STAFF)
def analysis_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _for_work(request, _decision(request, pk))
    analysis = plans.analysis_of(decision) or Analysis(decision=decision)
    form = AnalysisForm(request.POST or None, instance=analysis)
    if request.method == "POST" and form.is_valid():
        try:
            plans.analysis_save(by=request.user, analysis=form.save(commit=False))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The analysis was saved."))
            return redirect(_participant_url(decision.pk, "analysis"))
    return _form_page(request, form, decision, _("Analysis with the producer"))


# Needs ---------------------------------------------------------------------------------


def _need_form(request: HttpRequest, decision: Decision, need: Need) -> HttpResponse:
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        try:
            plans.need_save(by=request.user, need=form.save(commit=False))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The need was saved."))
            return redirect(_participant_url(decision.pk, "needs"))
    title = _("Edit the need") if need.pk else _("Add a need")
    return _form_page(request, form, decision, title)


@login_required
@access.require_role(*STAFF)
def need_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _for_work(request, _decision(request, pk))
    return _need_form(request, decision, Need(decision=decision))


def _of_selected(request: HttpRequest, model, pk: int):
    """A need or plan item of a selected product the user may work on (else 404/403)."""
    found = get_object_or_404(
        model.objects.for_user(request.user)
        .filter(decision__status=Decision.Status.SELECTED)
        .select_related("decision__project__province", "decision__product__producer"),
        pk=pk,
    )
    _for_work(request, found.decision)
    return found


def _need(request: HttpRequest, pk: int) -> Need:
    return _of_selected(request, Need, pk)


@login_required
@access.require_role(*STAFF)
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk)
    return _need_form(request, need.decision, need)


@login_required
@require_POST
@access.require_role(*STAFF)
def need_delete(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk)
    plans.need_delete(by=request.user, need=need)
    messages.success(request, _("The need was deleted."))
    return redirect(_participant_url(need.decision_id, "needs"))


# Plan items and evidence ---------------------------------------------------------------


def _item_form(request: HttpRequest, decision: Decision, item: PlanItem) -> HttpResponse:
    form = PlanItemForm(request.POST or None, instance=item, decision=decision)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            plans.plan_item_save(
                by=request.user,
                item=form.save(commit=False),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            show_errors(form, error)
        except StaleEdit as stale:
            show_stale(form, stale)
            status = 409
        else:
            messages.success(request, _("The plan item was saved."))
            return redirect(_participant_url(decision.pk, "plan"))
    title = _("Edit the plan item") if item.pk else _("Add a plan item")
    return _form_page(request, form, decision, title, status=status)


@login_required
@access.require_role(*STAFF)
def plan_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _for_work(request, _decision(request, pk))
    need_pk = request.GET.get("need", "")
    need = decision.needs.filter(pk=need_pk).first() if need_pk.isdigit() else None
    item = PlanItem(decision=decision, need=need, area=need.area if need else "")
    return _item_form(request, decision, item)


def _item(request: HttpRequest, pk: int) -> PlanItem:
    return _of_selected(request, PlanItem, pk)


@login_required
@access.require_role(*STAFF)
def plan_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return _item_form(request, item.decision, item)


@login_required
@access.require_role(*STAFF)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            plans.evidence_add(
                by=request.user,
                item=item,
                file=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The evidence was added."))
            return redirect(_participant_url(item.decision_id, "plan"))
    title = _("Add evidence: %(action)s") % {"action": item.action[:60]}
    return _form_page(request, form, item.decision, title, multipart=True)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for staff of its province and the producer of the product."""
    evidence = get_object_or_404(
        Evidence.objects.filter(item__decision__in=plans.decisions_readable_by(request.user)),
        pk=pk,
    )
    return serve(evidence.file, inline=evidence.is_image)


# Prototypes ----------------------------------------------------------------------------


@login_required
@access.require_role(*STAFF)
def prototype_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _for_work(request, _decision(request, pk))
    form = PrototypeForm(request.POST or None, instance=Prototype(decision=decision))
    if request.method == "POST" and form.is_valid():
        try:
            plans.prototype_save(by=request.user, prototype=form.save(commit=False))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The prototype was saved."))
            return redirect(_participant_url(decision.pk, "prototypes"))
    return _form_page(request, form, decision, _("Add a prototype"))


@login_required
@access.require_role(*STAFF)
def prototype_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    prototype = get_object_or_404(
        Prototype.objects.for_user(request.user)
        .filter(decision__status=Decision.Status.SELECTED)
        .select_related("decision__project__province", "decision__product__producer"),
        pk=pk,
    )
    decision = _for_work(request, prototype.decision)
    form = PrototypeVersionForm(
        request.POST or None,
        request.FILES or None,
        instance=PrototypeVersion(prototype=prototype, number=0),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plans.prototype_version_add(by=request.user, version=form.save(commit=False))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The new version was saved."))
            return redirect(_participant_url(decision.pk, "prototypes"))
    title = _("New version of %(prototype)s") % {"prototype": prototype.name}
    return _form_page(request, form, decision, title, multipart=True)


@login_required
def prototype_photo(request: HttpRequest, pk: int, which: str) -> FileResponse:
    """A before or after photo of a prototype version, checked like evidence."""
    if which not in ("before", "after"):
        raise Http404
    version = get_object_or_404(
        PrototypeVersion.objects.filter(
            prototype__decision__in=plans.decisions_readable_by(request.user)
        ),
        pk=pk,
    )
    photo = version.before_photo if which == "before" else version.after_photo
    return serve(photo, inline=True)


# Targets and activities of the project -------------------------------------------------


def _project_for_change(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(
        Project.objects.for_user(request.user).select_related("province"), pk=pk
    )
    if not access.can_manage_province(request.user, project.province_id):
        raise PermissionDenied
    return project


@login_required
def targets(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_change(request, pk)
    existing = {t.group: t for t in project.targets.all()}
    initial = [
        {
            "group": group.value,
            "target": existing[group.value].target
            if group.value in existing
            else plans.default_target(project, group.value),
            "actual": existing[group.value].actual if group.value in existing else None,
        }
        for group in Target.Group
    ]
    formset = TargetFormSet(request.POST or None, initial=initial, prefix="targets")
    labels = dict(Target.Group.choices)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for data in formset.cleaned_data:
                if not data or data["group"] not in labels:
                    continue
                target = existing.get(data["group"]) or Target(project=project, group=data["group"])
                target.target, target.actual = data["target"], data["actual"]
                plans.target_save(by=request.user, target=target)
        messages.success(request, _("The targets were saved."))
        return redirect(reverse("programmes:project", args=[project.pk]) + "#targets")
    rows = [(form, labels.get(form.initial.get("group", ""), "")) for form in formset.forms]
    return render(
        request,
        "programmes/targets.html",
        {"project": project, "formset": formset, "rows": rows},
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.for_user(request.user).select_related("project__province"), pk=pk
    )
    project = activity.project
    if not access.can_manage_province(request.user, project.province_id):
        raise PermissionDenied
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            plans.activity_save(by=request.user, activity=form.save(commit=False))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect(reverse("programmes:project", args=[project.pk]) + "#targets")
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": f"{project.name}: {activity.get_kind_display()}"},
    )
