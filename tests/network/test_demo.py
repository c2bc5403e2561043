"""The demo KBO networks (`kbo demo`): the committees of the articles, about two hundred
knowledge sources that search finds, the meetings, and the same rows on every run."""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import Count

from kbo.accounts import demo as accounts_demo
from kbo.geo.services import geo_load
from kbo.network import demo
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

pytestmark = pytest.mark.django_db

MODELS = [Network, Term, KnowledgeSource, CommitteeSeat, Meeting, AgendaItem, Attendance]


MODEL_BY_NAME = {m.__name__.lower(): m for m in [*MODELS, ExpertiseArea]}


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Geography, demo people and the demo networks loaded twice, once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        geo_load()
        accounts_demo.load()
        first = demo.load()
        before = counts()
        sources = list(KnowledgeSource.objects.order_by("pk").values_list(
            "pk", "name", "description", "search_text", "phone"))  # fmt: skip
        second = demo.load()
        yield {"first": first, "second": second, "before": before, "after": counts(),
               "sources": sources}  # fmt: skip
        transaction.set_rollback(True)


def test_a_second_run_gives_the_same_rows(loaded):
    assert loaded["first"] == loaded["second"]
    assert loaded["before"] == loaded["after"]
    assert loaded["sources"] == list(KnowledgeSource.objects.order_by("pk").values_list(
        "pk", "name", "description", "search_text", "phone"))  # fmt: skip


def test_the_four_provinces_have_networks_run_by_community_development(loaded):
    networks = {n.province.code: n for n in Network.objects.select_related("province")}
    assert set(networks) == {"50", "58", "49", "24"}
    assert networks["50"].founded_year == 2549
    assert all(n.founded_year > 2549 for code, n in networks.items() if code != "50")
    assert networks["58"].secretariat == "สำนักงานพัฒนาชุมชนจังหวัดแม่ฮ่องสอน"


def test_mae_hong_son_has_23_members(loaded):
    term = Network.objects.get(province__code="58").current_term()
    assert term.seats.count() == 23


def test_each_committee_is_chaired_by_the_governor_with_the_development_officer_as_secretary(
    loaded,
):
    for network in Network.objects.all():
        seats = network.current_term().seats.all()
        chair = seats.get(role="CHAIR")
        assert chair.position.startswith(("ผู้ว่าราชการจังหวัด", "รองผู้ว่าราชการจังหวัด"))
        assert seats.get(role="SECRETARY").position.startswith("พัฒนาการจังหวัด")


def test_chiang_mai_has_the_sectors_of_its_article(loaded):
    term = Network.objects.get(province__code="50").current_term()
    sectors = set(term.seats.values_list("sector", flat=True))
    assert {"GOVERNMENT", "EDUCATION", "FINANCE", "PRODUCER_NETWORK"} <= sectors


def test_members_served_two_terms_and_some_changed(loaded):
    network = Network.objects.get(province__code="50")
    assert network.terms.count() == 2
    per_person = CommitteeSeat.objects.filter(term__network=network).values("person").annotate(
        n=Count("pk"))  # fmt: skip
    assert any(row["n"] == 2 for row in per_person)
    assert any(row["n"] == 1 for row in per_person)


def test_there_are_about_two_hundred_sources_in_every_area(loaded):
    assert 180 <= KnowledgeSource.objects.filter(listed=True).count() <= 260
    empty = KnowledgeSource.objects.values("areas").annotate(n=Count("pk")).filter(n=0)
    assert not empty.exists()
    assert all(area.sources.count() >= 4 for area in ExpertiseArea.objects.all())
    assert KnowledgeSource.objects.filter(organisation__contains="มหาวิทยาลัยแม่โจ้").exists()
    assert KnowledgeSource.objects.filter(kind="LOCAL_WISDOM").count() >= 4
    assert not KnowledgeSource.objects.filter(search_text="").exists()


@pytest.mark.parametrize(
    ("query", "area"),
    [("บรรจุภัณฑ์", "packaging"), ("ฉลากโภชนาการ", "food_safety"), ("ขายออนไลน์", "ecommerce")],
)
def test_search_finds_the_experts_of_a_need_first(loaded, query, area):
    top = KnowledgeSource.objects.search(query)[:5]
    assert all(area in {a.code for a in source.areas.all()} for source in top), [
        s.name for s in top
    ]


def test_chiang_mai_met_on_13_january_2563(loaded):
    meeting = Meeting.objects.get(network__province__code="50", fiscal_year=2563, number=1)
    assert meeting.held_on == dt.date(2020, 1, 13) and str(meeting) == "ครั้งที่ 1/2563"
    assert meeting.agenda.count() == 4 and meeting.agenda.exclude(resolution="").count() == 4
    assert meeting.chair.role == "CHAIR" and meeting.chair.term.starts_on <= meeting.held_on
    statuses = set(meeting.attendance.values_list("status", flat=True))
    assert "PRESENT" in statuses and len(statuses) > 1
    assert meeting.attendance.count() == meeting.chair.term.seats.count()


@pytest.mark.parametrize(
    "model", ["expertisearea", "network", "term", "knowledgesource", "committeeseat", "meeting"]
)
def test_national_administrators_edit_the_networks_in_the_admin(loaded, model, client):
    from django.urls import reverse

    from kbo.accounts.models import User

    client.force_login(User.objects.get(username="national"))
    assert client.get(reverse(f"admin:network_{model}_changelist")).status_code == 200
    pk = MODEL_BY_NAME[model].objects.order_by("pk").values_list("pk", flat=True).first()
    assert client.get(reverse(f"admin:network_{model}_change", args=[pk])).status_code == 200
