"""The national-scale generator (bench/generate.py) at a small scale: proportions, the rules
the generated projects follow, determinism, and that the app works on what it writes."""

import hashlib
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from bench.gen import base, registry
from bench.generate import generate
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from kbo.accounts.models import Membership, Role, User
from kbo.contests.models import Contest, Entry, Score, ScoreSheet
from kbo.network.models import CommitteeSeat, KnowledgeSource, Network
from kbo.programmes.models import Decision, Project
from kbo.registry.models import Producer, Product, Sale
from kbo.search import matches, tokenize
from kbo.trainings.models import SessionAttendance, Training

pytestmark = pytest.mark.django_db
SCALE = 0.01  # 950 producers, 2,120 products: enough for projects in the bigger provinces


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """One small generation for the module's tests, rolled back afterwards."""
    lines: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        result = generate(scale=SCALE, seed=2569, out=lines.append, today=timezone.localdate())
        yield {"result": result, "lines": lines}
        transaction.set_rollback(True)


def checksum(rows) -> str:
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def test_it_writes_the_country_in_proportion(generated):
    assert Producer.objects.count() == round(95_000 * SCALE)
    assert Product.objects.count() == round(212_000 * SCALE)
    per_province = dict(
        Product.objects.values_list("province__code").annotate(n=Count("id")).order_by()
    )
    assert len(per_province) == 77
    # Nakhon Ratchasima (287 subdistricts) holds more than Samut Songkhram (36).
    assert per_province["30"] > 4 * per_province["75"]
    assert Network.objects.count() == 76
    assert not Network.objects.filter(province__code="10").exists()
    seats = Counter(CommitteeSeat.objects.values_list("term__network_id", flat=True))
    assert len(seats) == 76 and all(23 <= n <= 27 for n in seats.values())
    assert KnowledgeSource.objects.count() > sum(seats.values())
    assert "registry_product" in generated["result"]["counts"]
    assert any("registry" in line for line in generated["lines"])


def test_every_project_selects_20_to_27_products_of_its_province(generated):
    projects = list(Project.objects.select_related("province"))
    years = Counter(p.fiscal_year for p in projects)
    assert set(years) == {2563, 2564, 2565, 2566, 2567}
    assert len(set(years.values())) == 1 and years[2567] >= 10
    selected = defaultdict(list)
    for project_id, province_id, product_province_id in Decision.objects.filter(
        status=Decision.Status.SELECTED
    ).values_list("project_id", "project__province_id", "product__province_id"):
        assert province_id == product_province_id
        selected[project_id].append(product_province_id)
    assert all(20 <= len(selected[p.pk]) <= 27 for p in projects)
    assert Decision.objects.filter(status=Decision.Status.RESERVE).exists()
    assert Decision.objects.exclude(status="SELECTED").filter(analysis__isnull=False).count() == 0
    assert Training.objects.count() == len(projects)
    assert SessionAttendance.objects.filter(present=True).exists()


def test_contests_have_submitted_sheets_and_a_national_final(generated):
    national = Contest.objects.get(kind=Contest.Kind.NATIONAL)
    provincial = Contest.objects.filter(kind=Contest.Kind.PROVINCIAL)
    assert provincial.count() == 2 * Project.objects.filter(fiscal_year=2567).count()
    assert not ScoreSheet.objects.filter(submitted_at__isnull=True).exists()
    assert Score.objects.count() == ScoreSheet.objects.count() * 8  # the default rubric
    round_entries = Entry.objects.filter(contest=national, panel__stage="ROUND")
    assert round_entries.count() == provincial.filter(fiscal_year=2567).count()
    assert all(e.forwarded_from.contest.province_id == e.province_id for e in round_entries)
    assert Entry.objects.filter(contest=national, panel__stage="FINAL").count() == 6
    judge = User.objects.get(username="bench-judge-1")
    assert provincial.filter(province__code="50", judges__judge=judge).exists()


def test_sales_exist_for_every_product_year(generated):
    years = defaultdict(set)
    for product_id, year in Sale.objects.values_list("product_id", "fiscal_year"):
        years[product_id].add(year)
    for pk, registered in Product.objects.values_list("pk", "producer__registered_year"):
        assert years[pk] == set(range(max(2563, registered), 2568)), pk
    assert Sale.objects.exclude(channel="TOTAL").exists()
    totals = Sale.objects.filter(channel="TOTAL").count()
    assert totals > 0.8 * Sale.objects.values("product", "fiscal_year").distinct().count()


def test_the_same_seed_gives_the_same_rows(generated):
    world = base.load_world(timezone.localdate())
    chiang_mai = world.province("50")
    counts = registry.plan_counts(world, SCALE)["50"]

    def build(seed):
        ids = {Producer: base.Ids(Producer), Product: base.Ids(Product)}
        return registry.province_rows(world, chiang_mai, seed, counts, ids)

    first, again, other = build(2569), build(2569), build(1)
    key = [(row[1], row[4], row[10]) for row in first.products]  # code, name, price
    assert key == [(row[1], row[4], row[10]) for row in again.products]
    assert key != [(row[1], row[4], row[10]) for row in other.products]
    # What the database holds is that build.
    stored = Product.objects.filter(province__code="50").order_by("id")
    assert checksum(stored.values_list("code", "name", "price")) == checksum(
        (code, name, Decimal(price).quantize(Decimal("0.01"))) for code, name, price in key
    )
    assert Sale.objects.filter(product__province__code="50").aggregate(s=Sum("amount"))["s"] == sum(
        row[3] for row in first.sales
    )


def test_the_national_user_opens_a_passport_and_finds_a_product_by_a_thai_word(generated, client):
    assert Membership.objects.filter(
        user__username="bench-national", role=Role.NATIONAL_ADMIN
    ).exists()
    assert client.login(username="bench-national", password="kbo-bench-2569")
    product = Product.objects.filter(province__code="50").order_by("code").first()
    response = client.get(f"/registry/products/{product.pk}/")
    assert response.status_code == 200
    assert product.name in response.content.decode()

    word, found = next(
        (word, product)
        for product in Product.objects.order_by("code")[:100]
        for word in tokenize(product.name)
        if len(word) >= 4 and matches(Product.objects.all(), word).count() <= 15
    )
    response = client.get("/registry/products/", {"q": word})
    assert response.status_code == 200
    assert found.code in response.content.decode()
    assert Producer.objects.get(accounts__username="bench-producer-1").province.code == "50"


def test_the_knowledge_library_is_generated_with_the_documents_item_index_makes(generated):
    from kbo.knowledge.models import Item, ItemVersion, Kind, Visibility
    from kbo.knowledge.services import item_index

    items = Item.objects.all()
    per_province = Counter(
        items.exclude(kind=Kind.CASE_STUDY).values_list("province__code", flat=True)
    )
    assert len([code for code in per_province if code]) == 76 and "10" not in per_province
    assert per_province[None] >= 6
    standards = items.filter(kind=Kind.STANDARD)
    assert standards.exists() and not standards.exclude(title__contains="มผช.").exists()
    assert items.filter(areas__code="packaging", title__contains="บรรจุภัณฑ์").exists()
    cases = items.filter(kind=Kind.CASE_STUDY)
    selected = Decision.objects.filter(status="SELECTED").values("product_id").distinct().count()
    assert 0.3 * selected <= cases.count() <= 0.7 * selected
    assert not cases.filter(product__isnull=True).exists()
    visibility = Counter(items.values_list("visibility", flat=True))
    assert visibility[Visibility.PUBLIC] > visibility[Visibility.PROVINCE] > 0
    assert visibility[Visibility.DRAFT] > 0
    assert not items.filter(visibility=Visibility.DRAFT, published_at__isnull=False).exists()
    assert ItemVersion.objects.count() == items.count()
    # Every kind, one with several authors: the stored documents are item_index's.
    sample = [items.filter(kind=kind).order_by("pk").first() for kind in Kind.values]
    several = items.annotate(n=Count("authors")).filter(n__gt=1).order_by("pk").first()
    for item in [*sample, several]:
        assert item is not None
        assert item.areas.exists() and item.categories.exists() and item.authors.exists()
        stored = (item.title_text, item.area_text, item.search_text)
        item_index(item)
        assert stored == (item.title_text, item.area_text, item.search_text), item.kind
