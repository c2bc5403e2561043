"""Committee history, meeting numbers and knowledge sources: the network's services."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from kbo.network.models import CommitteeSeat, KnowledgeSource, Meeting, Term
from kbo.network.services import meeting_save, next_meeting_number, seat_add, source_save


def test_a_member_of_two_terms_keeps_both_seats(kbo_network, people):
    old = kbo_network["term_a"]
    new = Term.objects.create(
        network=old.network, starts_on=dt.date(2023, 10, 1), order_number="2/2566"
    )
    person = kbo_network["source_a"]
    seat_add(by=people["officer_a"], term=new, person=person, role="VICE_CHAIR", sector="EDUCATION")
    seats = CommitteeSeat.objects.filter(person=person).order_by("term__starts_on")
    assert [(s.term.order_number, s.role) for s in seats] == [
        (old.order_number, "MEMBER"),
        ("2/2566", "VICE_CHAIR"),
    ]
    assert KnowledgeSource.objects.filter(name=person.name).count() == 1  # typed once


def test_an_officer_cannot_seat_members_in_another_province(kbo_network, people):
    with pytest.raises(PermissionDenied):
        seat_add(
            by=people["officer_a"],
            term=kbo_network["term_b"],
            person=kbo_network["source_b"],
            role="MEMBER",
            sector="EXPERT",
        )


def test_meetings_are_numbered_per_fiscal_year(kbo_network):
    network = kbo_network["network_a"]
    assert next_meeting_number(network, 2563) == 2
    assert next_meeting_number(network, 2564) == 1
    assert str(kbo_network["meeting_a"]) == "ครั้งที่ 1/2563"


def test_a_meeting_is_saved_with_its_agenda_and_attendance_and_audited(kbo_network, people):
    meeting = Meeting(
        network=kbo_network["network_a"],
        fiscal_year=2563,
        number=2,
        held_on=dt.date(2020, 3, 2),
        place="ห้องประชุมศาลากลาง",
    )
    chair, member = kbo_network["chair_seat_a"], kbo_network["member_seat_a"]
    meeting_save(
        by=people["officer_a"],
        meeting=meeting,
        agenda=[{"title": "คัดเลือกผลิตภัณฑ์เป้าหมาย", "resolution": "ที่ประชุมมีมติเห็นชอบ 27 ผลิตภัณฑ์"}],
        attendance={chair.pk: ("PRESENT", ""), member.pk: ("REPRESENTED", "นางสาวผู้แทน")},
    )
    assert meeting.province == kbo_network["network_a"].province
    assert [a.title for a in meeting.agenda.all()] == ["คัดเลือกผลิตภัณฑ์เป้าหมาย"]
    assert meeting.attendance.get(seat=member).representative == "นางสาวผู้แทน"
    assert LogEntry.objects.get_for_object(meeting).filter(action=LogEntry.Action.CREATE).exists()


def test_attendance_only_for_seats_of_the_network(kbo_network, people):
    meeting = kbo_network["meeting_a"]
    with pytest.raises(PermissionDenied):
        meeting_save(
            by=people["officer_a"],
            meeting=meeting,
            attendance={kbo_network["chair_seat_b"].pk: ("PRESENT", "")},
        )


def test_a_source_is_found_by_its_areas_and_ranked(kbo_network, people):
    plain = KnowledgeSource(kind="COMPANY", name="บริษัทขนส่ง", description="ขนส่งสินค้าทั่วประเทศ")
    source_save(by=people["national"], source=plain, areas=[])
    found = list(KnowledgeSource.objects.search("บรรจุภัณฑ์"))
    assert found[0] == kbo_network["source_a"] or found[0] == kbo_network["source_b"]
    assert plain not in found
    assert found[0].relevance > 0


def test_meetings_are_private_to_their_province(kbo_network, people):
    assert list(Meeting.objects.for_user(people["officer_a"])) == [kbo_network["meeting_a"]]
    assert Meeting.objects.for_user(people["national"]).count() == 2
