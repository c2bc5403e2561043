"""The KBO network pages: the national list, a network's committee by term, a member's
seats, the forms that change them (through services, audited), and the private meetings."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from kbo.geo.models import Province
from kbo.network.models import (
    Attendance,
    CommitteeSeat,
    KnowledgeSource,
    Meeting,
    Network,
    Term,
)
from kbo.network.services import seat_add


def log_for(obj):
    return LogEntry.objects.get_for_object(obj).order_by("-timestamp").first()


# The national list ---------------------------------------------------------------------


def test_the_national_list_shows_every_network_with_its_chair_and_sectors(kbo_network, client):
    html = client.get(reverse("network:index")).content.decode()
    assert "เชียงใหม่" in html and "แม่ฮ่องสอน" in html
    assert "นายผู้ว่า a" in html and "นายผู้ว่า b" in html
    # Anonymous visitors do not see when the committees last met.
    assert "13 ม.ค. 2563" not in html


def test_it_shows_the_last_meeting_only_for_the_users_province(kbo_network, client_for):
    Meeting.objects.filter(pk=kbo_network["meeting_b"].pk).update(held_on=dt.date(2020, 2, 14))
    html = client_for("officer_a").get(reverse("network:index")).content.decode()
    assert "13 ม.ค. 2563" in html and "14 ก.พ. 2563" not in html
    html = client_for("national").get(reverse("network:index")).content.decode()
    assert "13 ม.ค. 2563" in html and "14 ก.พ. 2563" in html


def test_it_counts_members_of_the_current_term_by_sector(kbo_network, client):
    response = client.get(reverse("network:index"))
    row = next(r for r in response.context["rows"] if r.network == kbo_network["network_a"])
    counts = {value: n for value, label, n, percent in row.composition.counts}
    assert counts["GOVERNMENT"] == 1 and counts["EDUCATION"] == 1 and counts["FINANCE"] == 0
    assert row.composition.total == 2
    assert row.chair == kbo_network["chair_seat_a"]


def _networks(n: int, seats: int, people) -> None:
    for i in range(n):
        province = Province.objects.create(code=f"{70 + i}", name_th=f"จังหวัด{i}", name_en=f"P{i}")
        network = Network.objects.create(province=province, name=f"เครือข่าย {i}")
        Term.objects.create(
            network=network, starts_on=dt.date(2015, 10, 1), ends_on=dt.date(2019, 9, 30)
        )
        term = Term.objects.create(network=network, starts_on=dt.date(2019, 10, 1))
        for j in range(seats):
            person = KnowledgeSource.objects.create(kind="EXPERT", name=f"คน {i}-{j}")
            role = "CHAIR" if j == 0 else "MEMBER"
            seat_add(by=people["national"], term=term, person=person, role=role, sector="PRIVATE")
        Meeting.objects.create(
            network=network,
            province=province,
            fiscal_year=2563,
            number=1,
            held_on=dt.date(2020, 1, 1),
        )


@pytest.mark.parametrize("count", [2, 20])
def test_the_national_list_needs_the_same_queries_for_2_or_20_networks(
    count, people, client_for, django_assert_max_num_queries
):
    _networks(count, 3, people)
    client = client_for("national")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("network:index"))
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("seats", [2, 20])
def test_the_network_page_needs_the_same_queries_for_2_or_20_seats(
    seats, people, client, django_assert_max_num_queries
):
    _networks(1, seats, people)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("network:network", args=["70"]))
    assert len(response.context["seats"]) == seats


# A network and a member ----------------------------------------------------------------


def test_the_network_page_shows_the_committee_and_its_composition(kbo_network, client):
    html = client.get(reverse("network:network", args=["58"])).content.decode()
    assert "นายผู้ว่า b" in html and "ผศ.ดร.ออกแบบ b" in html
    assert 'data-testid="composition"' in html
    assert "นายผู้ว่า a" not in html
    assert reverse("network:meetings", args=["58"]) not in html  # meetings are private


def test_a_member_who_served_two_terms_shows_both(kbo_network, people, client):
    network = kbo_network["network_a"]
    second = Term.objects.create(
        network=network, order_number="คำสั่งที่ 9/2566", starts_on=dt.date(2023, 10, 1)
    )
    expert = kbo_network["source_a"]
    seat_add(
        by=people["national"], term=second, person=expert, role="VICE_CHAIR", sector="EDUCATION"
    )
    html = client.get(reverse("network:member", args=[expert.pk])).content.decode()
    assert html.count("<tr><td><a href") == 2
    assert "คำสั่งที่ 9/2566" in html and "คำสั่งจังหวัดเชียงใหม่ ที่ 1/2562" in html
    page = client.get(reverse("network:network", args=["50"])).content.decode()
    assert "Earlier terms" in page or "วาระก่อนหน้า" in page


# Changes through the services, audited -------------------------------------------------


def test_an_officer_edits_the_network_and_the_change_is_audited(kbo_network, people, client_for):
    url = reverse("network:network_edit", args=["50"])
    response = client_for("officer_a").post(
        url,
        {
            "name": "เครือข่ายองค์ความรู้เชียงใหม่",
            "founded_year": 2550,
            "status": "ACTIVE",
            "secretariat": "สพจ.เชียงใหม่",
            "note": "",
        },
    )
    assert response.status_code == 302
    network = Network.objects.get(pk=kbo_network["network_a"].pk)
    assert network.name == "เครือข่ายองค์ความรู้เชียงใหม่"
    assert log_for(network).actor == people["officer_a"]


def test_a_committee_member_may_not_edit_the_network(kbo_network, client_for):
    url = reverse("network:network_edit", args=["50"])
    assert client_for("committee_a").post(url, {"name": "x"}).status_code == 403
    assert client_for("officer_b").post(url, {"name": "x"}).status_code == 403


def test_an_officer_adds_a_term(kbo_network, people, client_for):
    response = client_for("officer_a").post(
        reverse("network:term_add", args=["50"]),
        {
            "order_number": "คำสั่งที่ 5/2566",
            "order_date": "2023-09-15",
            "starts_on": "2023-10-01",
            "ends_on": "2027-09-30",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(order_number="คำสั่งที่ 5/2566")
    assert term.network == kbo_network["network_a"]
    assert log_for(term).actor == people["officer_a"]


def test_a_term_cannot_end_before_it_starts(kbo_network, client_for):
    response = client_for("officer_a").post(
        reverse("network:term_add", args=["50"]),
        {"starts_on": "2023-10-01", "ends_on": "2023-01-01"},
    )
    assert response.status_code == 200 and not Term.objects.filter(starts_on="2023-10-01").exists()


def test_an_officer_seats_a_new_person_typed_in_the_same_form(kbo_network, people, client_for):
    term = kbo_network["term_a"]
    response = client_for("officer_a").post(
        reverse("network:seat_add", args=[term.pk]),
        {
            "new_name": "นางสาวเงินดี ธนาคาร",
            "new_organisation": "ธ.ก.ส. สาขาเชียงใหม่",
            "role": "MEMBER",
            "sector": "FINANCE",
        },
    )
    assert response.status_code == 302
    seat = CommitteeSeat.objects.get(person__name="นางสาวเงินดี ธนาคาร")
    assert (
        seat.term == term and seat.sector == "FINANCE" and seat.organisation == "ธ.ก.ส. สาขาเชียงใหม่"
    )
    assert seat.person.home_province == term.network.province
    assert log_for(seat).actor == people["officer_a"]
    assert log_for(seat.person).actor == people["officer_a"]


def test_an_officer_seats_an_existing_knowledge_source(kbo_network, client_for):
    source = KnowledgeSource.objects.create(kind="EXPERT", name="ดร.บัญชี")
    response = client_for("officer_a").post(
        reverse("network:seat_add", args=[kbo_network["term_a"].pk]),
        {"person": source.pk, "role": "SECRETARY", "sector": "GOVERNMENT"},
    )
    assert response.status_code == 302
    assert source.seats.get().role == "SECRETARY"


def test_the_seat_form_wants_one_person(kbo_network, client_for):
    source = KnowledgeSource.objects.create(kind="EXPERT", name="ดร.บัญชี")
    url = reverse("network:seat_add", args=[kbo_network["term_a"].pk])
    both = {"person": source.pk, "new_name": "คนใหม่", "role": "MEMBER", "sector": "PRIVATE"}
    neither = {"role": "MEMBER", "sector": "PRIVATE"}
    for data in (both, neither):
        assert client_for("officer_a").post(url, data).status_code == 200
    assert not source.seats.exists()


# Meetings ------------------------------------------------------------------------------


def meeting_post(kbo_network, key="a", **extra):
    chair, member = kbo_network[f"chair_seat_{key}"], kbo_network[f"member_seat_{key}"]
    return {
        "fiscal_year": 2563,
        "number": 2,
        "held_on": "2020-03-02",
        "starts_at": "09:30",
        "place": "ห้องประชุมศาลากลาง",
        "chair": chair.pk,
        "recorded_by": "นางสาวบัวคำ",
        "minutes_note": "",
        "agenda-TOTAL_FORMS": 2,
        "agenda-INITIAL_FORMS": 0,
        "agenda-MIN_NUM_FORMS": 0,
        "agenda-MAX_NUM_FORMS": 1000,
        "agenda-0-title": "เรื่องแจ้งเพื่อทราบ",
        "agenda-0-detail": "ผลการอบรมบรรจุภัณฑ์",
        "agenda-0-resolution": "รับทราบ",
        "agenda-1-title": "",
        f"seat-{chair.pk}-status": "PRESENT",
        f"seat-{member.pk}-status": "REPRESENTED",
        f"seat-{member.pk}-representative": "นายแทน ใจดี",
        **extra,
    }


def test_the_new_meeting_number_is_the_next_of_the_fiscal_year(
    kbo_network, client_for, monkeypatch
):
    from kbo.core import thai

    monkeypatch.setattr(thai, "fiscal_year", lambda day: 2563)
    response = client_for("officer_a").get(reverse("network:meeting_add", args=["50"]))
    form = response.context["form"]
    assert form.initial["fiscal_year"] == 2563 and form.initial["number"] == 2
    assert len(response.context["attendance"]) == 2


def test_the_secretariat_records_a_meeting_with_agenda_and_attendance(
    kbo_network, people, client_for
):
    response = client_for("officer_a").post(
        reverse("network:meeting_add", args=["50"]), meeting_post(kbo_network)
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    meeting = Meeting.objects.get(network=kbo_network["network_a"], number=2)
    assert response["Location"] == reverse("network:meeting", args=[meeting.pk])
    assert [i.title for i in meeting.agenda.all()] == ["เรื่องแจ้งเพื่อทราบ"]
    marks = {a.seat_id: (a.status, a.representative) for a in meeting.attendance.all()}
    assert marks[kbo_network["member_seat_a"].pk] == (Attendance.Status.REPRESENTED, "นายแทน ใจดี")
    assert log_for(meeting).actor == people["officer_a"]
    html = (
        client_for("committee_a")
        .get(reverse("network:meeting", args=[meeting.pk]))
        .content.decode()
    )
    assert "เรื่องแจ้งเพื่อทราบ" in html and "นายแทน ใจดี" in html


def test_a_representative_needs_a_name(kbo_network, client_for):
    data = meeting_post(kbo_network)
    data[f"seat-{kbo_network['member_seat_a'].pk}-representative"] = ""
    response = client_for("officer_a").post(reverse("network:meeting_add", args=["50"]), data)
    assert response.status_code == 200
    assert not Meeting.objects.filter(number=2).exists()


def test_a_meeting_number_is_used_once_a_year(kbo_network, client_for):
    data = meeting_post(kbo_network, number=1)
    response = client_for("officer_a").post(reverse("network:meeting_add", args=["50"]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_an_officer_edits_a_meeting(kbo_network, client_for):
    meeting = kbo_network["meeting_a"]
    url = reverse("network:meeting_edit", args=[meeting.pk])
    assert client_for("officer_a").get(url).status_code == 200
    response = client_for("officer_a").post(
        url, meeting_post(kbo_network, number=1, place="หอประชุม")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "หอประชุม" and meeting.attendance.count() == 2


def test_a_meeting_of_another_province_is_not_there(kbo_network, client_for):
    meeting_b = kbo_network["meeting_b"]
    for persona in ("officer_a", "committee_a", "producer_a"):
        client = client_for(persona)
        assert client.get(reverse("network:meeting", args=[meeting_b.pk])).status_code == 404
        assert client.get(reverse("network:meetings", args=["58"])).status_code == 404
    post = client_for("officer_a").post(
        reverse("network:meeting_edit", args=[meeting_b.pk]), meeting_post(kbo_network, "b")
    )
    assert post.status_code == 404


def test_the_meetings_list_shows_only_the_networks_meetings(kbo_network, client_for):
    html = client_for("national").get(reverse("network:meetings", args=["50"])).content.decode()
    assert reverse("network:meeting", args=[kbo_network["meeting_a"].pk]) in html
    assert reverse("network:meeting", args=[kbo_network["meeting_b"].pk]) not in html


def test_the_menu_shows_the_networks_to_everyone(db, client):
    from kbo.core.context_processors import navigation

    request = client.get(reverse("core:home")).wsgi_request
    assert reverse("network:index") in [
        url for label, url, active in navigation(request)["nav_items"]
    ]
