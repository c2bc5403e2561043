"""What a cohort achieved, computed from the records (kbo.outcomes.measures)."""

from decimal import Decimal

from kbo.outcomes import measures
from kbo.outcomes.models import Kpi
from kbo.programmes.models import Decision
from tests.outcomes.conftest import product, sale


def _province_a(cohort):
    return Decision.objects.filter(project=cohort["project_a"])


def test_revenue_counts_the_total_when_given_else_the_channels(cohort):
    sale(cohort["lamp"], 2562, 26_000, "TOTAL")  # a total beside a partial breakdown
    ids = [cohort["weave"].pk, cohort["tea"].pk, cohort["lamp"].pk]
    revenue = measures.revenue(ids, [2561, 2562])
    assert revenue[(cohort["weave"].pk, 2562)] == Decimal(50_000)  # 30,000 + 20,000
    assert revenue[(cohort["weave"].pk, 2561)] == Decimal(40_000)
    assert revenue[(cohort["tea"].pk, 2562)] == Decimal(12_500)
    assert revenue[(cohort["lamp"].pk, 2562)] == Decimal(26_000)  # not the fair's 20,000
    assert (cohort["tea"].pk, 2561) not in revenue


def test_outcomes_compare_the_year_before_with_the_project_year(cohort):
    found = {o.code: o for o in measures.outcomes(_province_a(cohort))}
    assert set(found) == {"50T1", "50H1", "50B1"}  # the not-selected basket is left out
    weave, lamp, tea = found["50T1"], found["50H1"], found["50B1"]
    assert (weave.baseline_year, weave.result_year) == (2561, 2562)
    assert weave.change == Decimal(10_000) and weave.change_percent == Decimal("25.0")
    assert lamp.change == Decimal(-5_000) and not lamp.revenue_rose
    assert tea.baseline is None and tea.change is None
    assert (weave.stars_before, weave.stars_after, weave.gained_star) == (2, 3, True)
    assert (lamp.stars_before, lamp.stars_after, lamp.gained_star) == (3, 3, False)
    assert (lamp.segment_before, lamp.segment_after, lamp.gained_segment) == ("D", "C", True)
    # มผช. was held before fiscal 2562 began (1 Oct 2018): a renewal is not a new certificate.
    assert weave.certificates_gained == [] and tea.certificates_gained == ["FDA"]


def test_kpis_over_the_cohort(cohort):
    values = {v.kpi.code: v for v in measures.kpi_values(_province_a(cohort))}
    assert values["products-developed"].value == 3
    assert values["revenue-total"].value == Decimal(82_500)  # 50,000 + 20,000 + 12,500
    assert values["revenue-rose-share"].value == Decimal("50.0")  # weave rose, lamp fell
    assert values["revenue-rose-share"].basis == 2 and values["revenue-rose-share"].of == 3
    assert values["revenue-change-total"].value == Decimal(5_000)
    assert values["revenue-change-average"].value == Decimal("2500.00")
    assert values["gained-star"].value == 1
    assert values["gained-segment"].value == 1
    assert values["gained-certificate"].value == 1


def test_kpis_reuse_the_outcome_pass_they_are_given(cohort, django_assert_num_queries):
    decisions = _province_a(cohort)
    kpis = measures.active_kpis()
    kpi = Kpi.objects.get(code="revenue-total")
    kpi.result_offset = 1  # a second pass (other years) is still computed
    alone = measures.kpi_values(decisions, kpis)
    found = measures.outcomes(decisions)
    with django_assert_num_queries(0):
        reused = measures.kpi_values(decisions, [k for k in kpis if k.code != kpi.code], found)
    assert [(v.kpi.code, v.value, v.basis) for v in reused] == [
        (v.kpi.code, v.value, v.basis) for v in alone if v.kpi.code != kpi.code
    ]
    (other,) = measures.kpi_values(decisions, [kpi], found)
    assert other.value is None  # no sales recorded for 2563: not the project year's 82,500


def test_a_kpi_definition_edited_as_data_changes_the_number(cohort):
    kpi = Kpi.objects.get(code="revenue-total")
    sale(cohort["weave"], 2563, 80_000)
    kpi.result_offset = 1  # count the year after the project instead
    kpi.save()
    (value,) = measures.kpi_values(_province_a(cohort), [kpi])
    assert value.value == Decimal(80_000) and value.basis == 1
    kpi.target = Decimal(100_000)
    assert value.met is False


def test_inactive_kpis_are_not_computed(cohort):
    Kpi.objects.exclude(code="products-developed").update(active=False)
    assert [v.kpi.code for v in measures.kpi_values(_province_a(cohort))] == ["products-developed"]


def test_by_category_in_registry_order(cohort):
    rows = measures.by_category(measures.outcomes(_province_a(cohort)))
    assert [(r.category, r.products, r.revenue) for r in rows] == [
        ("BEVERAGE", 1, Decimal(12_500)),
        ("TEXTILE", 1, Decimal(50_000)),
        ("HOUSEHOLD", 1, Decimal(20_000)),
    ]


def test_the_number_of_queries_does_not_grow_with_the_cohort(cohort, django_assert_max_num_queries):
    decisions = _province_a(cohort)
    with django_assert_max_num_queries(5):
        measures.outcomes(decisions)
    for n in range(30):
        item = product(cohort["weave"].producer, f"50X{n}", f"สินค้า {n}", "FOOD")
        Decision.objects.create(project=cohort["project_a"], product=item, status="SELECTED")
        sale(item, 2561, 1_000 + n)
        sale(item, 2562, 2_000 + n, "SHOP")
    with django_assert_max_num_queries(5):
        found = measures.outcomes(decisions)
    assert len(found) == 33


def test_the_default_kpis_exist_even_on_a_database_that_lost_them(cohort):
    Kpi.objects.all().delete()
    values = measures.kpi_values(_province_a(cohort))
    assert [v.kpi.code for v in values][:2] == ["products-developed", "revenue-total"]
    assert len(values) == 8 and Kpi.objects.count() == 8
