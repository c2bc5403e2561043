"""Contest pages: organisers prepare and run a contest, judges score on their phones, and
the results are shown once the contest has closed (to everybody once published).

Contests are fetched through `Contest.objects.for_user()` (another province's provincial
contest is a 404); every change goes through `contests.services`. Nobody sees another
judge's scores before the contest closes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.contests import exports, services, tasks
from kbo.contests.forms import (
    ContestForm,
    CriterionForm,
    DeclareForm,
    EntryForm,
    ForwardForm,
    JudgeForm,
    PanelForm,
    SheetForm,
)
from kbo.contests.models import Contest, Criterion, Entry, JudgeAssignment, Panel, can_organise
from kbo.contests.results import Tier
from kbo.core.locking import StaleEdit, show_stale
from kbo.core.services import job_start
from kbo.geo.models import Province

CONTEST_ROLES = (Role.OFFICER, Role.COMMITTEE, Role.JUDGE)
STATUS_CSS = {"DRAFT": "warn", "OPEN": "ok", "CLOSED": "", "PUBLISHED": "ok"}
STAGES = {"open": services.open_scoring, "close": services.close, "publish": services.publish}


def refused(request: HttpRequest, message: str, contest: Contest | None = None) -> HttpResponse:
    """403 with the reason in words (the judge at the venue needs to know why)."""
    return render(
        request, "contests/refused.html", {"message": message, "contest": contest}, status=403
    )


def _contest(request: HttpRequest, pk: int) -> Contest:
    return get_object_or_404(
        Contest.objects.for_user(request.user).select_related("province"), pk=pk
    )


def _organised(request: HttpRequest, pk: int) -> Contest:
    contest = _contest(request, pk)
    if not can_organise(request.user, contest):
        raise PermissionDenied
    return contest


def _judges(request: HttpRequest, contest: Contest) -> bool:
    return JudgeAssignment.objects.filter(contest=contest, judge_id=request.user.pk).exists()


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, found in error.message_dict.items():
            form.add_error(key if key in form.fields else None, found)
    else:
        form.add_error(None, error.messages)


def _form_page(request, contest, form, heading, template="contests/form.html") -> HttpResponse:
    return render(request, template, {"contest": contest, "form": form, "heading": heading})


# Organisers ------------------------------------------------------------------------------


@login_required
def contests(request: HttpRequest) -> HttpResponse:
    found = Contest.objects.for_user(request.user).select_related("province")
    judging = set(
        JudgeAssignment.objects.filter(judge_id=request.user.pk).values_list("contest", flat=True)
    )
    rows = [
        (
            contest,
            STATUS_CSS[contest.status],
            can_organise(request.user, contest),
            contest.pk in judging,
        )
        for contest in found
    ]
    return render(
        request,
        "contests/contests.html",
        {"rows": rows, "can_add": access.has_role(request.user, Role.OFFICER)},
    )


@login_required
@access.require_role(Role.OFFICER)
def contest_add(request: HttpRequest) -> HttpResponse:
    national = access.is_national(request.user)
    provinces = Province.objects.all()
    if not national:
        provinces = provinces.filter(pk__in=access.province_ids(request.user, roles=[Role.OFFICER]))
    form = ContestForm(request.POST or None, provinces=provinces, national=national)
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(
                by=request.user,
                contest=form.save(commit=False),
                template=form.cleaned_data["template"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The contest was created."))
            return redirect("contests:contest", pk=contest.pk)
    return _form_page(request, None, form, _("New contest"))


@login_required
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organised(request, pk)
    panels = list(contest.panels.prefetch_related("regions"))
    entries = list(
        contest.entries.select_related("panel", "province", "product", "network", "forwarded_from")
    )
    assignments = list(contest.judges.select_related("judge", "panel", "source"))
    names = {a.judge_id: exports.person(a.judge) for a in assignments}
    by_entry = {entry.pk: entry for entry in entries}
    found = services.conflicts(contest)
    conflicts = [
        (names.get(judge_id, judge_id), by_entry.get(entry_id), reasons)
        for (judge_id, entry_id), reasons in sorted(found.items())
    ]
    return render(
        request,
        "contests/contest.html",
        {
            "contest": contest,
            "status_css": STATUS_CSS[contest.status],
            "criteria": list(contest.criteria.all()),
            "weights": sum(c.weight for c in contest.criteria.all()),
            "panels": [(p, [e for e in entries if e.panel_id == p.pk]) for p in panels],
            "assignments": assignments,
            "conflicts": conflicts,
        },
    )


@login_required
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organised(request, pk)
    return _criterion_form(request, contest, Criterion(contest=contest))


@login_required
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion, pk=pk)
    contest = _organised(request, criterion.contest_id)
    return _criterion_form(request, contest, criterion)


def _criterion_form(request: HttpRequest, contest: Contest, criterion: Criterion) -> HttpResponse:
    if contest.rubric_frozen:
        return refused(request, _("The rubric is frozen: scoring has opened."), contest)
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_save(by=request.user, criterion=form.save(commit=False))
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The criterion was saved."))
            return redirect("contests:contest", pk=contest.pk)
    heading = _("Edit a criterion") if criterion.pk else _("Add a criterion")
    return _form_page(request, contest, form, heading)


@login_required
@require_POST
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion, pk=pk)
    contest = _organised(request, criterion.contest_id)
    try:
        services.criterion_delete(by=request.user, criterion=criterion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The criterion was deleted."))
    return redirect("contests:contest", pk=contest.pk)


@login_required
def panel_add(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organised(request, pk)
    form = PanelForm(request.POST or None, instance=Panel(contest=contest))
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_save(
                by=request.user, panel=form.save(commit=False), regions=form.cleaned_data["regions"]
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The panel was added."))
            return redirect("contests:contest", pk=contest.pk)
    return _form_page(request, contest, form, _("Add a panel"))


@login_required
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organised(request, pk)
    form = EntryForm(request.POST or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_add(
                by=request.user,
                contest=contest,
                panel=data["panel"],
                product=data.get("product"),
                network=data.get("network"),
                title=data["title"],
                description=data["description"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Entry %(entry)s was added.") % {"entry": entry})
            return redirect("contests:contest", pk=contest.pk)
    return _form_page(request, contest, form, _("Add an entry"))


@login_required
def judge_add(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organised(request, pk)
    form = JudgeForm(request.POST or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.judge_assign(
                by=request.user,
                contest=contest,
                judge=data["judge"],
                panel=data["panel"],
                source=data["source"],
                organisation=data["organisation"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The judge was assigned."))
            return redirect("contests:contest", pk=contest.pk)
    return _form_page(request, contest, form, _("Assign a judge"))


@login_required
@require_POST
def stage(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _organised(request, pk)
    change = STAGES.get(request.POST.get("action", ""))
    if change is None:
        messages.error(request, _("Unknown action."))
        return redirect("contests:contest", pk=contest.pk)
    try:
        change(by=request.user, contest=contest)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        contest.refresh_from_db()
        messages.success(
            request, _("The contest is now: %(status)s.") % {"status": contest.get_status_display()}
        )
    return redirect("contests:contest", pk=contest.pk)


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """Who has not finished (never their scores): refreshed every 15 s with htmx."""
    contest = _organised(request, pk)
    context = {"contest": contest, "rows": services.progress(contest)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "contests/_board.html", context)
    return render(request, "contests/board.html", context)


# Judges ----------------------------------------------------------------------------------


@login_required
@access.require_role(Role.JUDGE)
def judge_home(request: HttpRequest) -> HttpResponse:
    found = (
        Contest.objects.filter(judges__judge_id=request.user.pk)
        .distinct()
        .select_related("province")
    )
    rows = [(contest, STATUS_CSS[contest.status]) for contest in found]
    return render(request, "contests/judge_home.html", {"rows": rows})


def _sheet_states(request: HttpRequest, contest: Contest) -> list[tuple[Entry, str]]:
    entries = services.entries_for_judge(request.user, contest)
    found = services.conflicts(contest)
    sheets = {
        sheet.entry_id: sheet
        for sheet in request.user.score_sheets.filter(entry__contest=contest)  # type: ignore[union-attr]
    }
    rows = []
    for entry in entries:
        sheet = sheets.get(entry.pk)
        if (request.user.pk, entry.pk) in found:
            state = "CONFLICT"
        elif sheet and sheet.submitted_at:
            state = "SUBMITTED"
        elif sheet:
            state = "SAVED"
        else:
            state = "NOT_STARTED"
        rows.append((entry, state))
    return rows


@login_required
def judge_entries(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    if not _judges(request, contest):
        return refused(request, _("You are not a judge of this contest."), contest)
    rows = _sheet_states(request, contest)
    return render(
        request,
        "contests/judge_entries.html",
        {
            "contest": contest,
            "rows": rows,
            "done": sum(1 for _entry, state in rows if state == "SUBMITTED"),
            "to_score": sum(1 for _entry, state in rows if state != "CONFLICT"),
        },
    )


def _entry(request: HttpRequest, pk: int) -> Entry:
    return get_object_or_404(
        Entry.objects.filter(contest__in=Contest.objects.for_user(request.user)).select_related(
            "contest", "panel", "province"
        ),
        pk=pk,
    )


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    """My score sheet for one entry: only my own scores, never another judge's."""
    entry = _entry(request, pk)
    contest = entry.contest
    if entry not in services.entries_for_judge(request.user, contest):
        return refused(request, _("You do not judge this entry."), contest)
    if contest.status != Contest.Status.OPEN:
        return refused(request, _("Scoring is not open for this contest."), contest)
    reasons = services.conflicts(contest).get((int(request.user.pk or 0), entry.pk))
    if reasons:
        return refused(
            request,
            _("You have a conflict of interest with this entry and cannot score it: %(why)s")
            % {"why": "; ".join(reasons)},
            contest,
        )
    criteria = list(contest.criteria.all())
    sheet = request.user.score_sheets.filter(entry=entry).first()  # type: ignore[union-attr]
    initial: dict[str, object] = {"version": sheet.version if sheet else 0}
    if sheet:
        initial["comment"] = sheet.comment
        for saved in sheet.scores.all():
            initial[f"score_{saved.criterion_id}"] = saved.value
            initial[f"comment_{saved.criterion_id}"] = saved.comment
    form = SheetForm(request.POST or None, initial=initial, criteria=criteria)
    status = 200
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.sheet_save(
                by=request.user,
                entry=entry,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                submit=submit,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEdit as stale:
            # Saved on another phone or tab: their values stay, the saved ones beside them.
            sheet = stale.current
            show_stale(form, stale, form.saved_values(sheet) if sheet else {})
            status = 409
        except PermissionDenied as denied:
            return refused(request, str(denied) or _("You may not score this entry."), contest)
        else:
            if submit:
                messages.success(
                    request, _("Your score sheet for %(entry)s was submitted.") % {"entry": entry}
                )
                return redirect("contests:judge_entries", pk=contest.pk)
            messages.success(request, _("Saved. Submit when every criterion is scored."))
            return redirect("contests:score", pk=entry.pk)
    return render(
        request,
        "contests/score.html",
        {
            "contest": contest,
            "entry": entry,
            "form": form,
            "sheet": sheet,
            "declare": DeclareForm(),
        },
        status=status,
    )


@login_required
@require_POST
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = DeclareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the conflict of interest."))
        return redirect("contests:score", pk=entry.pk)
    try:
        services.conflict_declare(by=request.user, entry=entry, reason=form.cleaned_data["reason"])
    except PermissionDenied as denied:
        return refused(request, str(denied) or _("You do not judge this entry."), entry.contest)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contests:score", pk=entry.pk)
    messages.success(
        request,
        _("Your conflict of interest was recorded; you will not score %(entry)s.")
        % {"entry": entry},
    )
    return redirect("contests:judge_entries", pk=entry.contest_id)


# Results and exports ---------------------------------------------------------------------


def results_view(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    organiser = request.user.is_authenticated and can_organise(request.user, contest)
    insider = organiser or (request.user.is_authenticated and _judges(request, contest))
    if contest.status != Contest.Status.PUBLISHED:
        if not insider:
            raise Http404
        if not contest.scores_visible:
            return refused(
                request, _("The results are shown once the contest has closed."), contest
            )
    normalisation = request.GET.get("normalisation") if organiser else None
    if normalisation not in Contest.Normalisation.values:
        normalisation = None
    tables = exports.results_tables(contest, normalisation, names=organiser)
    forward = None
    if organiser and contest.kind == Contest.Kind.PROVINCIAL:
        forward = ForwardForm()
        if not forward.fields["panel"].queryset.exists():  # type: ignore[attr-defined]
            forward = None
    return render(
        request,
        "contests/results.html",
        {
            "contest": contest,
            "tables": tables,
            "organiser": organiser,
            "normalisation": normalisation or contest.normalisation,
            "normalisations": Contest.Normalisation.choices,
            "forward": forward,
            "winner": Tier.WINNER.value,
        },
    )


@login_required
@require_POST
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    _organised(request, entry.contest_id)
    form = ForwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the national contest and panel."))
        return redirect("contests:results", pk=entry.contest_id)
    panel = form.cleaned_data["panel"]
    try:
        services.entry_forward(by=request.user, entry=entry, to_contest=panel.contest, panel=panel)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contests:results", pk=entry.contest_id)
    messages.success(
        request,
        _("%(entry)s was sent on to %(contest)s.")
        % {"entry": entry.title, "contest": panel.contest},
    )
    return redirect("contests:results", pk=entry.contest_id)


def _export(request: HttpRequest, pk: int, kind: str, title: str, task) -> HttpResponse:
    contest = _organised(request, pk)
    if not contest.scores_visible:
        return refused(request, _("The results are shown once the contest has closed."), contest)
    job = job_start(
        user=request.user,
        kind=f"contests.{kind}",
        title=f"{title}: {contest}",
        task=task,
        contest_id=contest.pk,
    )
    return redirect("core:job", pk=job.pk)


@login_required
@require_POST
def results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "results_pdf", _("Contest results (PDF)"), tasks.results_pdf)


@login_required
@require_POST
def sheets_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "sheets_pdf", _("Judges' score sheets (PDF)"), tasks.sheets_pdf)


@login_required
@require_POST
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, "results_xlsx", _("Contest results (XLSX)"), tasks.results_xlsx)
