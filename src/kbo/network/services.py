"""Changes to networks, committees, knowledge sources and meetings (one transaction each,
audited by django-auditlog with the request's user as the actor)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.geo.models import Province
from kbo.network.models import (
    AgendaItem,
    Attendance,
    CommitteeSeat,
    ExpertiseArea,
    KnowledgeSource,
    Meeting,
    Network,
    Term,
)
from kbo.search import document


def _check(by, province_id: int | None) -> None:
    if not access.can_manage_province(by, province_id):
        raise PermissionDenied(_("You may not change the KBO network of this province."))


def source_texts(source: KnowledgeSource) -> tuple[str, str]:
    """(search_text, area_text) of a saved source: everything searchable, and its areas."""
    areas = list(source.areas.all())
    area_text = document(
        *(a.name_th for a in areas), *(a.keywords for a in areas), *(a.name_en for a in areas)
    )
    provinces = [p.name_th for p in source.service_provinces.all()]
    search_text = document(
        source.name,
        source.title,
        source.organisation,
        source.get_kind_display(),
        source.get_sector_display() if source.sector else "",
        source.description,
        *provinces,
    )
    return f"{search_text} {area_text}".strip(), area_text


@transaction.atomic
def source_save(
    *,
    by,
    source: KnowledgeSource,
    areas: Iterable[ExpertiseArea],
    service_provinces: Iterable[Province] = (),
) -> KnowledgeSource:
    """Create or update a knowledge source (officers of its province and national staff)."""
    _check(by, source.home_province_id)
    source.full_clean()
    source.save()
    source.areas.set(list(areas))
    source.service_provinces.set(list(service_provinces))
    source.search_text, source.area_text = source_texts(source)
    source.save(update_fields=["search_text", "area_text"])
    return source


@transaction.atomic
def network_save(*, by, network: Network) -> Network:
    _check(by, network.province_id)
    network.full_clean()
    network.save()
    return network


@transaction.atomic
def term_save(*, by, term: Term) -> Term:
    _check(by, term.network.province_id)
    term.full_clean()
    term.save()
    return term


@transaction.atomic
def seat_add(
    *,
    by,
    term: Term,
    person: KnowledgeSource,
    role: str,
    sector: str,
    position: str = "",
    organisation: str = "",
) -> CommitteeSeat:
    """Seat a person (a knowledge source, typed once) on a committee term."""
    _check(by, term.network.province_id)
    order = term.seats.count() + 1
    seat = CommitteeSeat(
        term=term,
        person=person,
        role=role,
        sector=sector,
        position=position or person.title,
        organisation=organisation or person.organisation,
        order=order,
    )
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def meeting_save(
    *,
    by,
    meeting: Meeting,
    agenda: list[dict] | None = None,
    attendance: dict[int, tuple[str, str]] | None = None,
) -> Meeting:
    """Save a meeting with its agenda (list of {title, detail, resolution}) and attendance
    ({seat id: (status, representative)}); given lists replace the stored ones."""
    meeting.province_id = meeting.network.province_id
    _check(by, meeting.province_id)
    meeting.full_clean()
    meeting.save()
    if agenda is not None:
        meeting.agenda.all().delete()
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    meeting=meeting,
                    order=i,
                    title=item["title"],
                    detail=item.get("detail", ""),
                    resolution=item.get("resolution", ""),
                )
                for i, item in enumerate(agenda, start=1)
                if item.get("title")
            ]
        )
    if attendance is not None:
        seats = set(
            CommitteeSeat.objects.filter(term__network=meeting.network).values_list("pk", flat=True)
        )
        unknown = set(attendance) - seats
        if unknown:
            raise PermissionDenied(_("These seats are not on this network's committee."))
        meeting.attendance.all().delete()
        Attendance.objects.bulk_create(
            [
                Attendance(
                    meeting=meeting, seat_id=seat_id, status=status, representative=representative
                )
                for seat_id, (status, representative) in attendance.items()
            ]
        )
    return meeting


def next_meeting_number(network: Network, fiscal_year: int) -> int:
    last = network.meetings.filter(fiscal_year=fiscal_year).order_by("-number").first()
    return last.number + 1 if last else 1
