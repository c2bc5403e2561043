"""The demo registries (`kbo demo`): realistic, consistent, and the same on every run."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery

from kbo.accounts import demo as accounts_demo
from kbo.geo.services import geo_load
from kbo.registry import demo
from kbo.registry.models import (
    Certificate,
    Producer,
    Product,
    Sale,
    SegmentAssessment,
    StarBand,
    StarRating,
)
from kbo.registry.validators import id13_is_valid
from kbo.search import matches

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Geography, demo people and the demo registries, loaded once for this module and run a
    second time through `kbo demo`; everything is rolled back after the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        geo_load()
        accounts_demo.load()
        counts = demo.load()
        before = snapshot()
        out = StringIO()
        call_command("demo", stdout=out)
        yield {"counts": counts, "before": before, "after": snapshot(), "out": out.getvalue()}
        transaction.set_rollback(True)


SNAPSHOT = {
    Producer: ("code", "name", "id_number", "phone", "subdistrict_id"),
    Product: ("code", "name", "price", "current_stars", "current_star_year", "current_segment"),
    StarRating: ("product_id", "round__year", "stars", "score"),
    SegmentAssessment: ("product_id", "year", "segment"),
    Certificate: ("product_id", "kind", "number", "issued_on", "expires_on"),
    Sale: ("product_id", "fiscal_year", "amount", "units"),
}


# The registry's own sales years; `kbo demo` adds the KBO cohorts' 2561–2562 sales after it
# (kbo.outcomes.demo), which this module's first load does not make.
ONLY = {Sale: Q(fiscal_year__in=demo.SALES_YEARS)}


def snapshot() -> dict[str, list]:
    return {
        model.__name__: list(
            model.objects.filter(ONLY.get(model, Q())).order_by("pk").values_list("pk", *fields)
        )
        for model, fields in SNAPSHOT.items()
    }


def test_a_second_run_gives_the_same_rows(loaded):
    assert loaded["after"] == loaded["before"]
    counts = loaded["counts"]
    assert counts["producers"] == Producer.objects.count() == len(loaded["before"]["Producer"])
    assert counts["products"] == Product.objects.count()
    assert counts["certificates"] == Certificate.objects.count()
    assert counts["provinces"] == 4


def test_mae_hong_son_is_the_size_of_its_article(loaded):
    window = Q(producer__registered_year__gte=2557, producer__registered_year__lte=2564)
    producers = Producer.objects.filter(
        province__code="58", registered_year__gte=2557, registered_year__lte=2564
    )
    assert 600 <= producers.count() <= 640
    assert 1400 <= Product.objects.filter(window, province__code="58").count() <= 1600
    assert Producer.objects.filter(province__code="58").exclude(pk__in=producers).exists()


def test_the_other_provinces_hold_a_few_hundred_products(loaded):
    for code in ("50", "49", "24"):
        assert 150 <= Product.objects.filter(province__code=code).count() <= 700, code


def test_current_stars_and_segment_follow_the_latest_history(loaded):
    latest_rating = StarRating.objects.filter(product=OuterRef("pk")).order_by("-round__year")
    latest_segment = SegmentAssessment.objects.filter(product=OuterRef("pk")).order_by("-year")
    products = Product.objects.annotate(
        stars=Subquery(latest_rating.values("stars")[:1]),
        star_year=Subquery(latest_rating.values("round__year")[:1]),
        segment=Subquery(latest_segment.values("segment")[:1]),
    )
    wrong = [
        p.code
        for p in products
        if (p.current_stars, p.current_star_year, p.current_segment)
        != (p.stars, p.star_year, p.segment or "")
    ]
    assert wrong == []
    assert products.filter(current_stars__isnull=True).exists()
    assert products.filter(current_stars=5).exists()


def test_stars_follow_the_score_bands(loaded):
    bands = list(StarBand.objects.order_by("-stars").values_list("stars", "min_score"))
    assert [stars for stars, _ in bands] == [5, 4, 3, 2, 1]
    for rating in StarRating.objects.all()[:500]:
        expected = next(stars for stars, low in bands if rating.score >= low)
        assert rating.stars == expected
        assert rating.score_strength + rating.score_marketing + rating.score_quality == rating.score


def test_rounds_segments_and_sales_span_the_years(loaded):
    years = set(StarRating.objects.values_list("round__year", flat=True))
    assert years == {2559, 2562, 2565, 2567}
    segments = SegmentAssessment.objects
    assert set(segments.values_list("segment", flat=True)) == {"A", "B", "C", "D"}
    assert segments.filter(segment__in="CD").count() > segments.count() * 0.6
    # 2563–2567 from the registry; 2561–2562 are the KBO cohorts' (kbo.outcomes.demo).
    assert set(Sale.objects.values_list("fiscal_year", flat=True)) == set(range(2561, 2568))


def test_certificates_include_expired_and_expiring_ones(loaded):
    certificates = list(Certificate.objects.all())
    assert {"MOPHOCHO", "FDA", "OTOP_MARK", "COSMETIC"} <= {c.kind for c in certificates}
    assert any(c.is_expired for c in certificates)
    assert any(c.expires_soon for c in certificates)
    assert Certificate.objects.expiring(90).exists()


def test_producers_are_real_places_with_valid_ids(loaded):
    producers = Producer.objects.select_related("subdistrict")
    assert all(id13_is_valid(p.id_number) for p in producers)
    assert all(p.subdistrict.code.startswith(p.province.code) for p in producers)
    assert all(p.district_id == p.subdistrict.district_id for p in producers)
    names = set(producers.values_list("name", flat=True))
    assert any(name.startswith("กลุ่มแม่บ้าน") for name in names)
    assert any(name.startswith("วิสาหกิจชุมชน") for name in names)
    assert any(name.startswith("กลุ่มทอผ้า") for name in names)
    assert len({p.phone for p in producers}) > 0.95 * len(producers)


def test_thai_search_finds_demo_products(loaded):
    woven = matches(Product.objects.filter(province__code="58"), "ผ้าทอ")
    assert woven.filter(name__startswith="ผ้าทอกะเหรี่ยง").exists()
    assert matches(Product.objects.all(), "ข้าวแต๋น").filter(province__code="50").exists()
    assert matches(Product.objects.all(), "ผ้าย้อมคราม").filter(province__code="49").exists()


def test_demo_producer_accounts_see_their_producer(loaded):
    for username, code in (("producer.maehongson", "58"), ("producer.mukdahan", "49")):
        producer = Producer.objects.get(accounts__username=username)
        assert producer.province.code == code
        assert producer.products.exists()
    group = Producer.objects.get(accounts__username="producer.maehongson")
    assert group.name == "กลุ่มทอผ้าไทใหญ่บ้านเมืองปอน" and group.subdistrict.name_th == "เมืองปอน"


def test_kbo_demo_prints_the_registry_summary(loaded):
    line = next(line for line in loaded["out"].splitlines() if line.startswith("registry"))
    assert f"{Product.objects.count():,} products" in line
    assert f"{Producer.objects.count():,} producers" in line and "4 provinces" in line


def test_a_run_restores_edited_demo_rows(loaded):
    product = Product.objects.get(code="58P0001-01")
    Product.objects.filter(pk=product.pk).update(name="แก้ไขแล้ว", current_stars=1)
    StarRating.objects.filter(product=product).delete()
    SegmentAssessment.objects.create(product=product, year=2540, segment="A")
    demo.load()
    after, before = snapshot(), loaded["before"]
    assert {k: v for k, v in after.items() if k != "StarRating"} == {
        k: v for k, v in before.items() if k != "StarRating"
    }
    # The deleted ratings come back as new rows.
    assert sorted(r[1:] for r in after["StarRating"]) == sorted(r[1:] for r in before["StarRating"])
