"""The demo knowledge library (`kbo demo`): some sixty items of every kind, standards guides
found first for "มผช.", packaging items beside a packaging need, a case study of every
product Chiang Mai selected in 2562 with its recorded baseline; the same rows on every run."""

import pytest
from django.db import transaction
from django.utils import translation

from kbo.accounts import demo as accounts_demo
from kbo.accounts.models import User
from kbo.contests import demo as contests_demo
from kbo.core import thai
from kbo.geo.services import geo_load
from kbo.knowledge import demo, related
from kbo.knowledge.models import Attachment, Item, ItemCategory, ItemVersion, Kind, Visibility
from kbo.network import demo as network_demo
from kbo.outcomes import demo as outcomes_demo
from kbo.outcomes.measures import outcomes
from kbo.programmes import demo as programmes_demo
from kbo.programmes.models import Decision
from kbo.registry import demo as registry_demo

pytestmark = pytest.mark.django_db

MODELS = [Item, ItemCategory, ItemVersion, Attachment]


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demos `kbo demo` runs before it, then the knowledge demo twice, once per module."""
    with django_db_blocker.unblock(), transaction.atomic():
        geo_load()
        accounts_demo.load()
        registry_demo.load()
        network_demo.load()
        programmes_demo.load()
        contests_demo.load()
        outcomes_demo.load()
        first = demo.load()
        before = counts()
        second = demo.load()
        yield {"first": first, "second": second, "before": before, "after": counts()}
        transaction.set_rollback(True)


def chiang_mai_2562():
    return Decision.objects.filter(
        project__province__code="50", project__fiscal_year=2562, status=Decision.Status.SELECTED
    )


def test_the_library_holds_items_of_every_kind(loaded):
    kinds = set(Item.objects.values_list("kind", flat=True))
    assert Item.objects.count() >= 55
    assert kinds == set(Kind.values)
    assert loaded["first"]["items_created"] == len(demo.ITEMS)


def test_most_items_are_public_and_some_stay_with_their_province_or_as_drafts(loaded):
    seen = {v: Item.objects.filter(visibility=v).count() for v in Visibility.values}
    assert seen[Visibility.PUBLIC] > seen[Visibility.PROVINCE] > 0
    assert seen[Visibility.DRAFT] >= 2
    owners = set(Item.objects.values_list("province__code", flat=True))
    assert {None, "50", "58"} <= owners


def test_a_search_for_the_community_standard_finds_the_standards_guides_first(loaded):
    found = list(Item.objects.search("มผช."))
    guides = [i for i in found if i.kind == Kind.STANDARD and "มผช." in i.title]
    assert len(guides) >= 4
    assert all(i.kind == Kind.STANDARD for i in found[: len(guides)])


def test_a_packaging_need_of_a_food_product_is_shown_packaging_items(loaded):
    national = User.objects.get(username="national")
    items = related.for_need(national, "PACKAGING", "FOOD")
    assert len(items) == related.LIMIT
    assert all("packaging" in {a.code for a in i.areas.all()} for i in items)


def test_handouts_of_the_chiang_mai_course_are_linked_to_its_sessions(loaded):
    handouts = Item.objects.filter(kind=Kind.TRAINING, sessions__isnull=False).distinct()
    assert handouts.count() >= 4
    assert set(handouts.values_list("sessions__training__project__province__code", flat=True)) == {
        "50"
    }


def test_every_product_selected_in_2562_has_a_case_study_with_its_baseline_revenue(loaded):
    decisions = chiang_mai_2562()
    assert decisions.count() == 11
    with translation.override("th"):
        for outcome in outcomes(decisions):
            study = Item.objects.get(kind=Kind.CASE_STUDY, product_id=outcome.product_id)
            assert outcome.baseline_year == 2561 and outcome.baseline
            assert thai.format_baht(outcome.baseline) in study.body, outcome.name
            assert study.province.code == "50"


def test_most_case_studies_are_published_with_lessons_and_two_remain_drafts(loaded):
    studies = Item.objects.filter(kind=Kind.CASE_STUDY)
    drafts = studies.filter(visibility=Visibility.DRAFT)
    assert drafts.count() == demo.DRAFT_CASES
    for study in studies.filter(visibility=Visibility.PUBLIC):
        assert demo.PLACEHOLDER not in study.body
        assert "สิ่งที่ได้ผล" in study.body
    for study in drafts:
        assert demo.PLACEHOLDER in study.body


def test_a_second_run_creates_and_changes_nothing(loaded):
    assert loaded["second"]["items_created"] == loaded["second"]["case_studies_created"] == 0
    assert loaded["after"] == loaded["before"]
    assert {k: v for k, v in loaded["second"].items() if not k.endswith("_created")} == {
        k: v for k, v in loaded["first"].items() if not k.endswith("_created")
    }


def test_a_committee_members_draft_waits_for_the_chiang_mai_officer(loaded):
    (draft,) = Item.objects.filter(created_by__username="committee.chiangmai")
    assert draft.visibility == Visibility.DRAFT and draft.province.code == "50"
    users = {u.username: u for u in User.objects.all()}
    for reader in ("committee.chiangmai", "officer.chiangmai", "national"):
        assert Item.objects.for_user(users[reader]).filter(pk=draft.pk).exists(), reader
    for outsider in ("committee.maehongson", "officer.maehongson"):
        assert not Item.objects.for_user(users[outsider]).filter(pk=draft.pk).exists(), outsider
