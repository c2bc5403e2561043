"""Expert matching: the scoring rules, assigning (permissions, audit, plan items), the pages,
and a precision@5 floor on the labelled evaluation set (tests/programmes/matching_eval.py)."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.network.services import source_texts
from kbo.programmes import matching
from kbo.programmes.matching import Candidate, Wanted, need_words, score
from kbo.programmes.models import Decision, Need, PlanItem, Project

PACKAGING = ("packaging", "branding")


def wanted(**extra) -> Wanted:
    values = {
        "area_codes": PACKAGING,
        "words": {"กล่อง": 1.0, "ฉลาก": 1.0},
        "province_id": 50,
        "region_id": 1,
        "area_names": {"packaging": "บรรจุภัณฑ์", "branding": "ตราสินค้า"},
    }
    return Wanted(**(values | extra))


# ---- pure scoring ---------------------------------------------------------------------


def test_an_expertise_area_beats_nothing():
    expert = Candidate(pk=1, area_codes=frozenset({"packaging"}))
    stranger = Candidate(pk=2, area_codes=frozenset({"finance"}), home_province_id=50)
    assert score(expert, wanted())[0] > 0
    assert score(stranger, wanted()) == (0.0, [])  # locality alone never lists a source


def test_the_first_expertise_area_weighs_most():
    first = Candidate(pk=1, area_codes=frozenset({"packaging"}))
    second = Candidate(pk=2, area_codes=frozenset({"branding"}))
    assert score(first, wanted())[0] > score(second, wanted())[0]


def test_the_need_words_leave_out_stop_words_and_short_ones():
    words = need_words("ต้องการออกแบบกล่องและฉลากใหม่ให้ดูทันสมัย")
    assert "กล่อง" in words and "ฉลาก" in words
    assert not {"ต้องการ", "และ", "ใหม่", "ให้"} & set(words)
    assert all(len(w) >= 2 for w in need_words("ก ข ผ้า"))


def test_thai_words_found_in_the_areas_count_more_than_elsewhere():
    in_areas = Candidate(pk=1, area_text="กล่องฉลาก", search_text="บริษัท กล่องฉลาก")
    in_description = Candidate(pk=2, search_text="เคยทำกล่องและฉลากให้ร้านกาแฟ")
    nothing = Candidate(pk=3, search_text="สินเชื่อ")
    a, b = score(in_areas, wanted()), score(in_description, wanted())
    assert a[0] > b[0] > 0 and score(nothing, wanted())[0] == 0
    with translation.override("th"):
        reasons = score(in_areas, wanted())[1]
    assert "คำที่ตรง: กล่อง, ฉลาก" in reasons


def test_the_same_province_beats_another_region_with_equal_expertise():
    codes = frozenset({"packaging"})
    here = Candidate(pk=1, area_codes=codes, home_province_id=50, home_region_id=1)
    serving = Candidate(pk=2, area_codes=codes, home_province_id=10, serves_province=True)
    region = Candidate(pk=3, area_codes=codes, home_province_id=58, home_region_id=1)
    far = Candidate(pk=4, area_codes=codes, home_province_id=90, home_region_id=4)
    values = [score(c, wanted())[0] for c in (here, serving, region, far)]
    assert values == sorted(values, reverse=True) and len(set(values)) == 4
    with translation.override("th"):
        assert "อยู่จังหวัดเดียวกัน" in score(here, wanted())[1]
        assert "ภาคเดียวกัน" in score(region, wanted())[1]


def test_workload_lowers_the_rank_and_says_so():
    codes = frozenset({"packaging"})
    free = Candidate(pk=1, area_codes=codes)
    busy = Candidate(pk=2, area_codes=codes, workload=3)
    busier = Candidate(pk=3, area_codes=codes, workload=6)
    assert score(free, wanted())[0] > score(busy, wanted())[0] > score(busier, wanted())[0]
    with translation.override("th"):
        reasons = score(busy, wanted())[1]
    assert reasons == ["ตรงสาขา: บรรจุภัณฑ์", "ภาระงานปัจจุบัน 3 รายการ"]


# ---- with the database ----------------------------------------------------------------


def make_source(name, codes, province, description="", listed=True, serves=()):
    source = KnowledgeSource.objects.create(
        kind="EXPERT", name=name, description=description, home_province=province, listed=listed
    )
    source.areas.set(ExpertiseArea.objects.filter(code__in=codes))
    source.service_provinces.set(serves)
    source.search_text, source.area_text = source_texts(source)
    source.save()
    return source


@pytest.fixture
def need(registry, geo, kbo_network):
    project = Project.objects.create(province=geo["50"], fiscal_year=2568, name="โครงการ 2568")
    decision = Decision.objects.create(
        project=project, product=registry["product_a"], status="SELECTED"
    )
    return Need.objects.create(
        decision=decision, area="PACKAGING", description="ต้องการกล่องและฉลากใหม่ที่ดูทันสมัย"
    )


def test_rank_uses_a_few_queries_whatever_the_number_of_sources(
    need, geo, django_assert_max_num_queries
):
    for i in range(30):
        make_source(f"ผู้เชี่ยวชาญ {i}", ["packaging"], geo["58"], "ทำกล่องกระดาษ")
    make_source("ผู้ที่ซ่อนไว้", ["packaging"], geo["50"], "กล่อง ฉลาก", listed=False)
    with django_assert_max_num_queries(12):
        found = matching.rank(need, limit=40)
    assert len(found) == 32  # 30 + the kbo_network designers of A and B; not the hidden one
    assert found[0].source.home_province == geo["50"]  # the designer of province A


def test_workload_counts_needs_of_the_year_and_open_plan_items(need, kbo_network):
    source = kbo_network["source_a"]
    other = Need.objects.create(decision=need.decision, area="DESIGN", description="ลาย")
    Need.objects.filter(pk=other.pk).update(assigned_source=source)
    for status in ("PLANNED", "UNDERWAY", "DONE"):
        PlanItem.objects.create(
            decision=need.decision,
            area="DESIGN",
            action="ออกแบบ",
            responsible=source,
            status=status,
        )
    PlanItem.objects.create(  # counted with its need already
        decision=need.decision, need=other, area="DESIGN", action="x", responsible=source
    )
    assert matching.workloads(2568, exclude_need=need.pk) == {source.pk: 3}
    assert matching.workloads(2569, exclude_need=need.pk) == {source.pk: 3}  # 2 items + other's


def test_an_officer_assigns_and_unassigns_with_audit_and_plan_items(need, people, kbo_network):
    source, other = kbo_network["source_a"], kbo_network["source_b"]
    empty = PlanItem.objects.create(decision=need.decision, need=need, area="PACKAGING", action="a")
    someone = PlanItem.objects.create(
        decision=need.decision, need=need, area="PACKAGING", action="b", responsible=other
    )
    with set_actor(people["officer_a"]):
        matching.assign(by=people["officer_a"], need=need, source=source)
    need.refresh_from_db()
    assert need.assigned_source == source and need.assigned_by == people["officer_a"]
    assert need.assigned_at is not None
    assert LogEntry.objects.get_for_object(need).filter(actor=people["officer_a"]).exists()
    empty.refresh_from_db(), someone.refresh_from_db()
    assert empty.responsible == source and someone.responsible == other  # others kept
    matching.assign(by=people["committee_a"], need=need, source=None)
    need.refresh_from_db(), empty.refresh_from_db()
    assert need.assigned_source is None and need.assigned_at is None
    assert empty.responsible is None


def test_only_people_of_the_province_may_assign(need, people, kbo_network):
    for persona in ("officer_b", "judge_a", "producer_a"):
        with pytest.raises(PermissionDenied):
            matching.assign(by=people[persona], need=need, source=kbo_network["source_a"])
    hidden = kbo_network["source_a"]
    KnowledgeSource.objects.filter(pk=hidden.pk).update(listed=False)
    hidden.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        matching.assign(by=people["officer_a"], need=need, source=hidden)
    assert "source" in error.value.message_dict
    need.refresh_from_db()
    assert need.assigned_source is None  # nothing half-written


def test_the_page_lists_the_sources_in_thai_with_reasons(client_for, need, kbo_network):
    html = client_for("committee_a").get(reverse("programmes:need_experts", args=[need.pk]))
    text = html.content.decode()
    assert html.status_code == 200
    assert "แหล่งองค์ความรู้ที่แนะนำ" in text and "ตรงสาขา: บรรจุภัณฑ์" in text
    assert kbo_network["source_a"].name in text and "คำที่ตรง: กล่อง" in text
    assert "อยู่จังหวัดเดียวกัน" in text and 'name="source"' in text
    near = client_for("officer_a").get(
        reverse("programmes:need_experts", args=[need.pk]), {"near": "province"}
    )
    assert kbo_network["source_b"].name not in near.content.decode()  # Mae Hong Son's


def test_another_province_gets_404(client_for, need, kbo_network):
    url = reverse("programmes:need_experts", args=[need.pk])
    assert client_for("officer_b").get(url).status_code == 404
    assign = reverse("programmes:need_assign", args=[need.pk])
    response = client_for("officer_b").post(assign, {"source": kbo_network["source_b"].pk})
    assert response.status_code == 404 and not Need.objects.filter(assigned_source__isnull=False)


def test_assigning_from_the_page_goes_back_and_is_audited(client_for, need, people, kbo_network):
    source = kbo_network["source_a"]
    client = client_for("officer_a")
    response = client.post(reverse("programmes:need_assign", args=[need.pk]), {"source": source.pk})
    assert response["Location"] == reverse("programmes:participant", args=[need.decision_id])
    need.refresh_from_db()
    assert need.assigned_source == source
    assert LogEntry.objects.get_for_object(need).filter(actor=people["officer_a"]).exists()
    page = client.get(response["Location"]).content.decode()
    assert source.name in page


def test_a_bad_source_is_refused_with_its_field_named(client_for, need):
    client = client_for("officer_a")
    url = reverse("programmes:need_assign", args=[need.pk])
    page = client.post(url, {"source": "999999"}, follow=True).content.decode()
    assert "แหล่งองค์ความรู้" in page
    page = client.post(url, {}, follow=True).content.decode()
    assert "กรุณาเลือกแหล่งองค์ความรู้" in page
    need.refresh_from_db()
    assert need.assigned_source is None


def test_a_judge_may_not_assign(client_for, need, kbo_network):
    url = reverse("programmes:need_assign", args=[need.pk])
    response = client_for("judge_a").post(url, {"source": kbo_network["source_a"].pk})
    assert response.status_code == 403


# ---- the evaluation set ---------------------------------------------------------------

# Measured precision@5 0.587 (ideal for these labels 0.703), recall@5 0.842: the floor is
# the measure rounded down to 0.05, less 0.05 of margin. Raise it when the ranking improves.
PRECISION_FLOOR = 0.50
RECALL_FLOOR = 0.75


def test_precision_at_5_on_the_evaluation_set_stays_above_its_floor(geo):
    from tests.programmes.matching_eval import NEEDS, SOURCES, build_eval, evaluate

    assert len(SOURCES) >= 60 and len(NEEDS) >= 30
    sources, needs = build_eval()
    result = evaluate(sources, needs)
    assert result["precision"] >= PRECISION_FLOOR, result
    assert result["recall"] >= RECALL_FLOOR, result
