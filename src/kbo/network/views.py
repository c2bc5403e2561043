"""KBO network pages: the national list, a network's committee by term, a member's seats,
and the province-private meetings with their minutes.

Networks, committees and knowledge sources are public. Meetings are fetched only through
`Meeting.objects.for_user()` (another province's meeting is a 404); every change goes
through `network.services`, which checks the right to change (403 otherwise).
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kbo.accounts import access
from kbo.core import thai
from kbo.core.services import job_start
from kbo.network import services
from kbo.network.forms import (
    AgendaFormSet,
    AttendanceForm,
    MeetingForm,
    NetworkForm,
    SeatForm,
    TermForm,
)
from kbo.network.models import (
    CommitteeSeat,
    KnowledgeSource,
    Meeting,
    MeetingFile,
    Network,
    SeatRole,
    Sector,
    Term,
)
from kbo.network.tasks import meeting_minutes


@dataclass
class Composition:
    """Seats of one term counted by sector, in the order of `Sector`."""

    counts: list[tuple[str, str, int, int]] = field(default_factory=list)  # value, label, n, %
    total: int = 0

    @classmethod
    def of(cls, seats: list[CommitteeSeat]) -> "Composition":
        total = len(seats)
        counts = []
        for value, label in Sector.choices:
            n = sum(1 for seat in seats if seat.sector == value)
            counts.append((value, str(label), n, round(100 * n / total) if total else 0))
        return cls(counts=counts, total=total)


@dataclass
class NetworkRow:
    network: Network
    term: Term | None
    chair: CommitteeSeat | None
    composition: Composition
    last_meeting: Any = None


def _seats() -> QuerySet[CommitteeSeat]:
    return CommitteeSeat.objects.select_related("person").order_by("order", "id")


def _chair(seats: list[CommitteeSeat]) -> CommitteeSeat | None:
    return next((seat for seat in seats if seat.role == SeatRole.CHAIR), None)


def _sees_meetings(user, network: Network) -> bool:
    return access.is_national(user) or network.province_id in access.province_ids(user)


# Public pages --------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """Every network with its chair, members by sector of the current term, last meeting."""
    networks = list(Network.objects.select_related("province__region").order_by("province__code"))
    current: dict[int, Term] = {}
    for term in Term.objects.filter(network__in=networks).order_by(
        "network_id", "-starts_on", "-id"
    ):
        current.setdefault(term.network_id, term)
    seats_by_term: dict[int, list[CommitteeSeat]] = {term.pk: [] for term in current.values()}
    for seat in _seats().filter(term__in=list(current.values())):
        seats_by_term[seat.term_id].append(seat)
    last: dict[int, Any] = {}
    if request.user.is_authenticated:
        last = dict(
            Meeting.objects.for_user(request.user)
            .order_by()
            .values("network")
            .annotate(last=Max("held_on"))
            .values_list("network", "last")
        )
    rows = []
    for network in networks:
        now = current.get(network.pk)
        seats = seats_by_term.get(now.pk, []) if now else []
        rows.append(
            NetworkRow(network, now, _chair(seats), Composition.of(seats), last.get(network.pk))
        )
    return render(
        request,
        "network/index.html",
        {"rows": rows, "sectors": Sector.choices, "signed_in": request.user.is_authenticated},
    )


def network_detail(request: HttpRequest, code: str) -> HttpResponse:
    network = get_object_or_404(
        Network.objects.select_related("province__region"), province__code=code
    )
    terms = list(
        network.terms.order_by("-starts_on", "-id").prefetch_related(
            Prefetch("seats", queryset=_seats())
        )
    )
    current = terms[0] if terms else None
    seats = list(current.seats.all()) if current else []
    return render(
        request,
        "network/network_detail.html",
        {
            "network": network,
            "current": current,
            "seats": seats,
            "chair": _chair(seats),
            "composition": Composition.of(seats),
            "earlier": terms[1:],
            "can_edit": access.can_manage_province(request.user, network.province_id),
            "sees_meetings": _sees_meetings(request.user, network),
        },
    )


def member(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's seats across every term and network (their history, never overwritten)."""
    person = get_object_or_404(KnowledgeSource.objects.select_related("home_province"), pk=pk)
    seats = person.seats.select_related("term__network__province").order_by(
        "-term__starts_on", "-id"
    )
    return render(
        request,
        "network/member.html",
        {
            "person": person,
            "seats": list(seats),
            "areas": list(person.areas.all()),
            "can_edit": request.user.is_authenticated
            and access.can_manage_province(request.user, person.home_province_id),
        },
    )


# Changes to the network and its committee ----------------------------------------------


def _managed_network(request: HttpRequest, code: str) -> Network:
    network = get_object_or_404(Network.objects.select_related("province"), province__code=code)
    if not access.can_manage_province(request.user, network.province_id):
        raise PermissionDenied
    return network


@login_required
def network_edit(request: HttpRequest, code: str) -> HttpResponse:
    network = _managed_network(request, code)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        services.network_save(by=request.user, network=form.save(commit=False))
        messages.success(request, _("The network was saved."))
        return redirect("network:network", code=code)
    return render(
        request,
        "network/form.html",
        {"form": form, "network": network, "heading": _("Edit the network")},
    )


@login_required
def term_add(request: HttpRequest, code: str) -> HttpResponse:
    network = _managed_network(request, code)
    form = TermForm(request.POST or None, instance=Term(network=network))
    if request.method == "POST" and form.is_valid():
        services.term_save(by=request.user, term=form.save(commit=False))
        messages.success(request, _("The committee term was added."))
        return redirect("network:network", code=code)
    return render(
        request,
        "network/form.html",
        {"form": form, "network": network, "heading": _("Add a committee term")},
    )


@login_required
def seat_add(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(Term.objects.select_related("network__province"), pk=pk)
    network = term.network
    if not access.can_manage_province(request.user, network.province_id):
        raise PermissionDenied
    form = SeatForm(request.POST or None, term=term)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            person = data["person"] or services.source_save(
                by=request.user, source=form.new_person(network.province), areas=[]
            )
            services.seat_add(
                by=request.user, term=term, person=person, role=data["role"], sector=data["sector"]
            )
        messages.success(
            request, _("%(name)s was seated on the committee.") % {"name": person.name}
        )
        return redirect("network:network", code=network.province.code)
    return render(
        request,
        "network/form.html",
        {
            "form": form,
            "network": network,
            "heading": _("Add a committee member"),
            "subheading": f"{term.order_number} · {thai.format_date(term.starts_on)}",
        },
    )


# Meetings (private to the province) ----------------------------------------------------


def _meeting_network(request: HttpRequest, code: str) -> Network:
    """The network whose meetings the user may see: another province's answers 404."""
    return get_object_or_404(
        access.scope(Network.objects.select_related("province"), request.user), province__code=code
    )


def _scoped_meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.for_user(request.user).select_related("network__province", "chair__person"),
        pk=pk,
    )


@login_required
def meetings(request: HttpRequest, code: str) -> HttpResponse:
    network = _meeting_network(request, code)
    found = (
        Meeting.objects.for_user(request.user)
        .filter(network=network)
        .select_related("chair__person")
        .order_by("-held_on", "-number")
    )
    return render(
        request,
        "network/meetings.html",
        {
            "network": network,
            "meetings": found,
            "can_edit": access.can_manage_province(request.user, network.province_id),
        },
    )


def _term_on(network: Network, day) -> Term | None:
    terms = list(network.terms.order_by("-starts_on", "-id"))
    if day:
        for term in terms:
            if term.starts_on <= day and (term.ends_on is None or day <= term.ends_on):
                return term
    return terms[0] if terms else None


def _meeting_form(request: HttpRequest, network: Network, meeting: Meeting) -> HttpResponse:
    if not access.can_manage_province(request.user, network.province_id):
        raise PermissionDenied
    editing = meeting.pk is not None
    term = _term_on(network, meeting.held_on if editing else None)
    seats = list(_seats().filter(term=term)) if term else []
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial: dict[str, Any] = {}
    if not editing:
        year = thai.fiscal_year(timezone.localdate())
        initial = {"fiscal_year": year, "number": services.next_meeting_number(network, year)}
    form = MeetingForm(
        data, files, instance=meeting, initial=initial, seats=_seats().filter(term=term)
    )
    agenda = AgendaFormSet(
        data,
        prefix="agenda",
        initial=[
            {"title": i.title, "detail": i.detail, "resolution": i.resolution}
            for i in meeting.agenda.all()
        ]
        if editing
        else None,
    )
    present = {a.seat_id: a for a in meeting.attendance.all()} if editing else {}
    attendance = [
        AttendanceForm(
            data,
            seat=seat,
            initial={
                "status": present[seat.pk].status,
                "representative": present[seat.pk].representative,
            }
            if seat.pk in present
            else None,
        )
        for seat in seats
    ]
    if (
        request.method == "POST"
        and form.is_valid()
        and agenda.is_valid()
        and all(f.is_valid() for f in attendance)
    ):
        saved = form.save(commit=False)
        items = [f.cleaned_data for f in agenda.forms if f.cleaned_data.get("title")]
        marks = {
            f.seat.pk: (f.cleaned_data["status"], f.cleaned_data["representative"])
            for f in attendance
        }
        try:
            with transaction.atomic():
                services.meeting_save(
                    by=request.user, meeting=saved, agenda=items, attendance=marks
                )
                upload = form.cleaned_data.get("file")
                if upload:
                    # The file belongs to the meeting just saved (the right was checked there).
                    MeetingFile.objects.create(
                        meeting=saved, file=upload, title=form.cleaned_data.get("file_title", "")
                    )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("network:meeting", pk=saved.pk)
    return render(
        request,
        "network/meeting_form.html",
        {
            "network": network,
            "meeting": meeting if editing else None,
            "form": form,
            "agenda": agenda,
            "attendance": attendance,
            "term": term,
        },
    )


@login_required
def meeting_add(request: HttpRequest, code: str) -> HttpResponse:
    network = _meeting_network(request, code)
    return _meeting_form(request, network, Meeting(network=network, province=network.province))


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _scoped_meeting(request, pk)
    return _meeting_form(request, meeting.network, meeting)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _scoped_meeting(request, pk)
    return render(
        request,
        "network/meeting_detail.html",
        {
            "meeting": meeting,
            "network": meeting.network,
            "agenda": list(meeting.agenda.all()),
            "attendance": list(meeting.attendance.select_related("seat__person")),
            "files": list(meeting.files.all()),
            "can_edit": access.can_manage_province(request.user, meeting.province_id),
        },
    )


@login_required
@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Start printing the meeting's minutes (PDF) in the background; go to the job page."""
    meeting = _scoped_meeting(request, pk)
    job = job_start(
        user=request.user,
        kind="network.minutes",
        title=_("Minutes of meeting %(number)s/%(year)s, %(network)s (PDF)")
        % {"number": meeting.number, "year": meeting.fiscal_year, "network": meeting.network.name},
        task=meeting_minutes,
        meeting_id=meeting.pk,
    )
    return redirect("core:job", pk=job.pk)
