"""Trainings of a yearly project: the courses, their sessions and trainees, attendance per
session, the attendance sheet to sign and the certificates of attendance.

Objects are fetched through `for_user()` (another province's training is a 404); officers
and committee members of the province read, officers and national staff change (403).
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kbo.accounts import access
from kbo.core.services import job_start
from kbo.programmes.models import Project
from kbo.trainings import services
from kbo.trainings.forms import SessionForm, TraineeForm, TrainingForm
from kbo.trainings.models import Session, Trainee, Training
from kbo.trainings.pdf import date_range, html_to_pdf, sheet_html
from kbo.trainings.tasks import training_certificates

read_access = access.require_role(*services.READ_ROLES)


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.for_user(request.user).select_related("province"), pk=pk
    )


def _training(request: HttpRequest, pk: int, change: bool = False) -> Training:
    training = get_object_or_404(
        Training.objects.for_user(request.user).select_related("project__province"), pk=pk
    )
    allowed = services.can_change if change else services.can_read
    if not allowed(request.user, training.project):
        raise PermissionDenied
    return training


def _session(request: HttpRequest, pk: int, change: bool = False) -> Session:
    session = get_object_or_404(
        Session.objects.for_user(request.user).select_related(
            "training__project__province", "lecturer"
        ),
        pk=pk,
    )
    allowed = services.can_change if change else services.can_read
    if not allowed(request.user, session.training.project):
        raise PermissionDenied
    return session


@login_required
@read_access
def project_trainings(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not services.can_read(request.user, project):
        raise PermissionDenied
    # The template counts each training's sessions and trainees: counted from these lists.
    trainings = list(
        project.trainings.prefetch_related(
            Prefetch("sessions", Session.objects.only("pk", "training_id")),
            Prefetch("trainees", Trainee.objects.only("pk", "training_id")),
        )
    )
    for training in trainings:
        training.dates = date_range(training.starts_on, training.ends_on)  # type: ignore[attr-defined]
    return render(
        request,
        "trainings/project_trainings.html",
        {
            "project": project,
            "trainings": trainings,
            "can_change": services.can_change(request.user, project),
        },
    )


def _training_form(request: HttpRequest, training: Training) -> HttpResponse:
    editing = training.pk is not None
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_save(by=request.user, training=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The training was saved."))
            return redirect("trainings:training", pk=training.pk)
    title = _("Edit the training") if editing else _("New training")
    return render(
        request,
        "trainings/form.html",
        {"form": form, "title": title, "project": training.project, "training": training},
    )


@login_required
@read_access
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not services.can_change(request.user, project):
        raise PermissionDenied
    return _training_form(request, Training(project=project))


@login_required
@read_access
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _training_form(request, _training(request, pk, change=True))


def _materials(user, sessions: list[Session]) -> dict[int, list]:
    """{session id: the library's materials linked to it that the user may read}, one query."""
    # The knowledge library sits above trainings: imported here.
    from kbo.knowledge.models import NOT_IN_LISTS, Item

    found: dict[int, list] = defaultdict(list)
    if not sessions:
        return found
    rows = (
        Item.objects.for_user(user)
        .filter(sessions__in=sessions)
        .annotate(session_pk=F("sessions"))
        .defer(*NOT_IN_LISTS)
        .order_by("title", "pk")
    )
    for item in rows:
        found[item.session_pk].append(item)
    return found


@login_required
@read_access
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = _training(request, pk)
    sessions = list(training.sessions.select_related("lecturer").prefetch_related("attendance"))
    materials = _materials(request.user, sessions)
    days: dict = defaultdict(list)
    for session in sessions:
        session.materials_read = materials.get(session.pk, [])  # type: ignore[attr-defined]
        session.present_count = sum(1 for m in session.attendance.all() if m.present)  # type: ignore[attr-defined]
        session.recorded = bool(session.attendance.all())  # type: ignore[attr-defined]
        days[session.day].append(session)
    summary = services.attendance_summary(training)
    groups = [
        (label, [row for row in summary if row.trainee.group == value])
        for value, label in Trainee.Group.choices
    ]
    return render(
        request,
        "trainings/training.html",
        {
            "training": training,
            "project": training.project,
            "dates": date_range(training.starts_on, training.ends_on),
            "days": sorted(days.items()),
            "sessions": sessions,
            "groups": [(label, rows) for label, rows in groups if rows],
            "trainee_count": len(summary),
            "holders": len(services.certificate_holders(training)),
            "can_change": services.can_change(request.user, training.project),
        },
    )


def _session_form(request: HttpRequest, session: Session) -> HttpResponse:
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(by=request.user, session=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("trainings:training", pk=session.training_id)
    title = _("Edit the session") if session.pk else _("New session")
    return render(
        request,
        "trainings/form.html",
        {
            "form": form,
            "title": title,
            "project": session.training.project,
            "training": session.training,
        },
    )


@login_required
@read_access
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_form(request, Session(training=_training(request, pk, change=True)))


@login_required
@read_access
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_form(request, _session(request, pk, change=True))


@login_required
@read_access
def trainees(request: HttpRequest, pk: int) -> HttpResponse:
    """Add one person, or enrol the selected producers or the committee in one go."""
    training = _training(request, pk, change=True)
    form = TraineeForm(instance=Trainee(training=training))
    if request.method == "POST":
        action = request.POST.get("action", "add")
        if action in ("selected", "committee"):
            enrol = services.enrol_selected if action == "selected" else services.enrol_committee
            added = enrol(by=request.user, training=training)
            messages.success(
                request,
                ngettext(
                    "%(count)s trainee was added.", "%(count)s trainees were added.", len(added)
                )
                % {"count": len(added)},
            )
            return redirect("trainings:trainees", pk=training.pk)
        form = TraineeForm(request.POST, instance=Trainee(training=training))
        if form.is_valid():
            try:
                trainee = services.trainee_add(by=request.user, trainee=form.save(commit=False))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(name)s was added.") % {"name": trainee.name})
                return redirect("trainings:trainees", pk=training.pk)
    return render(
        request,
        "trainings/trainees.html",
        {
            "training": training,
            "project": training.project,
            "form": form,
            "trainees": list(training.trainees.select_related("producer", "product", "source")),
        },
    )


@login_required
@require_POST
def trainee_remove(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = get_object_or_404(
        Trainee.objects.for_user(request.user).select_related("training__project"), pk=pk
    )
    services.trainee_remove(by=request.user, trainee=trainee)
    messages.success(request, _("%(name)s was removed from the course.") % {"name": trainee.name})
    return redirect("trainings:trainees", pk=trainee.training_id)


@login_required
@read_access
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick who is present at one session; everyone not ticked is recorded absent."""
    session = _session(request, pk, change=True)
    training = session.training
    if request.method == "POST":
        try:
            ids = [int(v) for v in request.POST.getlist("present")]
            count = services.attendance_record(by=request.user, session=session, present_ids=ids)
        except (ValueError, ValidationError):
            messages.error(request, _("Tick only trainees of this course."))
        else:
            messages.success(
                request,
                _("Attendance saved: %(present)s of %(total)s present.")
                % {"present": count, "total": training.trainees.count()},
            )
            return redirect("trainings:training", pk=training.pk)
    marks = {m.trainee_id: m.present for m in session.attendance.all()}
    rows = [(t, marks.get(t.pk)) for t in training.trainees.all()]
    return render(
        request,
        "trainings/attendance.html",
        {
            "session": session,
            "training": training,
            "project": training.project,
            "rows": rows,
            "recorded": bool(marks),
        },
    )


@login_required
@read_access
def sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendance sheet of a session to print and sign (one or two pages: printed now)."""
    session = _session(request, pk)
    pdf = html_to_pdf(sheet_html(session))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="attendance-{session.training_id}-{session.day:%Y%m%d}-{session.pk}.pdf"'
    )
    return response


@login_required
@require_POST
def certificates_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Start printing the certificates (a page per holder) in the background; go to the job."""
    training = _training(request, pk, change=True)
    if not services.certificate_holders(training):
        messages.error(request, _("Nobody has attended enough sessions for a certificate yet."))
        return redirect("trainings:training", pk=training.pk)
    job = job_start(
        user=request.user,
        kind="trainings.certificates",
        title=_("Certificates of %(training)s (PDF)") % {"training": training.title},
        task=training_certificates,
        training_id=training.pk,
    )
    return redirect("core:job", pk=job.pk)
