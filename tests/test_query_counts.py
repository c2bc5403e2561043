"""Every list page, passport, dashboard and API list runs a number of SQL queries that does not
grow with the number of rows (how to add a URL: docs/guide/query-counts.md).

The world of tests/query_counts.py is built once for this module with SMALL rows of every kind,
each case is requested (as a persona who sees everything it lists), the world grows to LARGE
rows and each case is requested again: the count must be the same, or at most `extra` more
where a page adds a documented section (never one query per row). The measurements run in one
transaction that is rolled back at the end of the module.
"""

import pytest
from django.db import transaction

from tests.query_counts import QCase, grown_queries, run

# The mark makes pytest-django set up the test database; the counting itself runs in the
# module-scoped `counted` fixture, before any test's own transaction.
pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 7

DASHBOARD_PANELS = [
    "categories",
    "stars",
    "segments",
    "registration",
    "selection",
    "plan_items",
    "activities",
    "kpis",
    "cohort_categories",
    "revenue",
]
REGISTRY_FILTERS = {
    "stars": ["0", "3", "4"],
    "segment": ["C", "D"],
    "registered_year_min": "2550",
    "expiring": "",
    "sort": "name",
}


def pk(key: str):
    return lambda w: {"pk": w[key].pk}


def plans(key: str):
    return lambda w: {"pk": w["plans_a"][key].pk}


def code(key: str):
    return lambda w: {"code": w[key].code}


def first_knowledge_item(world: dict) -> dict:
    """The first public item of province A (its page lists its own areas, files, versions)."""
    from kbo.knowledge.models import Item

    first = Item.objects.filter(visibility="PUBLIC", province__code="50").order_by("pk").first()
    assert first is not None
    return {"pk": first.pk}


def first_public_item(world: dict) -> dict:
    from kbo.knowledge.models import Item

    return {"pk": Item.objects.public().order_by("pk").values_list("pk", flat=True)[0]}


CASES: list[QCase] = [
    # core, geo, accounts
    QCase("core:home", "core:home", persona="officer_a", grows=False),  # the last 5 jobs
    QCase("core:jobs", "core:jobs"),
    QCase("geo:index", "geo:index"),
    QCase("geo:province", "geo:province", {"code": "50"}),
    QCase("geo:district", "geo:district", {"code": "5001"}),
    QCase("accounts:people", "accounts:people"),
    QCase("accounts:people[officer]", "accounts:people", persona="officer_a"),
    QCase(
        "accounts:history[product]",
        "accounts:history",
        lambda w: {"label": "registry.product", "pk": w["product_a"].pk},
    ),
    # registry
    QCase("registry:products", "registry:products"),
    QCase("registry:products[filtered]", "registry:products", params=REGISTRY_FILTERS),
    QCase("registry:products[q]", "registry:products", params={"q": "สินค้า"}),
    QCase("registry:products[officer]", "registry:products", persona="officer_a"),
    QCase("registry:producers", "registry:producers"),
    QCase("registry:producers[filtered]", "registry:producers", params=REGISTRY_FILTERS),
    QCase("registry:producer", "registry:producer", pk("producer_a")),
    QCase("registry:product[passport]", "registry:product", pk("product_a")),
    QCase(
        "registry:product[passport, producer]", "registry:product", pk("product_a"), "producer_a"
    ),
    QCase(
        "registry:product[developed]",
        "registry:product",
        lambda w: {"pk": w["plans_a"]["decision"].product_id},
    ),
    # network
    QCase("network:index", "network:index"),
    QCase("network:network", "network:network", {"code": "50"}),
    QCase("network:member", "network:member", pk("source_a")),
    QCase("network:sources", "network:sources"),
    QCase("network:sources[q]", "network:sources", params={"q": "บรรจุภัณฑ์"}),
    QCase("network:meetings", "network:meetings", {"code": "50"}),
    QCase("network:meeting", "network:meeting", pk("meeting_a")),
    QCase("network:meeting_edit", "network:meeting_edit", pk("meeting_a")),
    QCase("network:seat_add", "network:seat_add", pk("term_a")),
    # programmes
    QCase("programmes:projects", "programmes:projects"),
    QCase("programmes:project", "programmes:project", pk("project_a")),
    QCase("programmes:project[officer]", "programmes:project", pk("project_a"), "officer_a"),
    QCase("programmes:participant", "programmes:participant", plans("decision")),
    QCase("programmes:plan_item_add", "programmes:plan_item_add", plans("decision")),
    QCase("programmes:targets", "programmes:targets", pk("project_a"), grows=False),  # a form
    QCase("programmes:need_experts", "programmes:need_experts", plans("need")),
    # trainings
    QCase("trainings:project_trainings", "trainings:project_trainings", pk("project_a")),
    QCase("trainings:training", "trainings:training", pk("training_a")),
    QCase("trainings:trainees", "trainings:trainees", pk("training_a")),
    QCase("trainings:attendance", "trainings:attendance", pk("session_a")),
    # contests
    QCase("contests:contests", "contests:contests"),
    QCase("contests:contests[judge]", "contests:contests", persona="judge_a"),
    QCase("contests:contest", "contests:contest", pk("contest_a")),
    QCase("contests:contest[open]", "contests:contest", pk("contest_a_open")),
    QCase("contests:entry_add", "contests:entry_add", pk("contest_a")),
    QCase("contests:judge_add", "contests:judge_add", pk("contest_a")),
    QCase("contests:board", "contests:board", pk("contest_a_open")),
    QCase("contests:judge_home", "contests:judge_home", persona="judge_a"),
    QCase("contests:judge_entries", "contests:judge_entries", pk("contest_a_open"), "judge_a"),
    QCase("contests:score", "contests:score", pk("entry_a_open"), "judge_a", grows=False),
    QCase("contests:results[closed]", "contests:results", pk("contest_a_closed")),
    QCase("contests:results[published]", "contests:results", pk("contest_a_published")),
    # knowledge library
    QCase("knowledge:index", "knowledge:index"),
    QCase("knowledge:index[q]", "knowledge:index", params={"q": "บรรจุภัณฑ์"}),
    QCase(
        "knowledge:index[filtered]",
        "knowledge:index",
        params={"q": "มผช", "kind": "TECHNIQUE", "area": "packaging", "category": "FOOD"},
    ),
    QCase("knowledge:index[producer]", "knowledge:index", persona="producer_a"),
    QCase("knowledge:item", "knowledge:item", first_knowledge_item, grows=False),
    QCase(
        "knowledge:item[producer]",
        "knowledge:item",
        first_knowledge_item,
        "producer_a",
        grows=False,
    ),
    QCase("knowledge:history", "knowledge:history", first_knowledge_item, grows=False),
    # outcomes, reports
    QCase("outcomes:index", "outcomes:index"),
    QCase("outcomes:index[officer]", "outcomes:index", persona="officer_a"),
    QCase("outcomes:mine", "outcomes:mine", persona="producer_a"),
    QCase("outcomes:product_sales", "outcomes:product_sales", pk("product_a")),
    QCase("outcomes:kpis", "outcomes:kpis", grows=False),  # the KPI definitions
    QCase("reports:index", "reports:index"),
    # dashboards: the pages and each panel drawn on its own
    QCase("dashboards:index", "dashboards:index"),
    QCase("dashboards:province", "dashboards:province", {"code": "50"}, "officer_a"),
    # (a panel aggregates in SQL: its numbers change with the rows, not its length)
    *(
        QCase(
            f"dashboards:index[{name}]",
            "dashboards:index",
            params={"panel": name, "format": "html"},
            grows=False,
        )
        for name in DASHBOARD_PANELS
    ),
    *(
        QCase(
            f"dashboards:province[{name}]",
            "dashboards:province",
            {"code": "50"},
            "officer_a",
            params={"panel": name, "format": "html"},
            grows=False,
        )
        for name in DASHBOARD_PANELS
    ),
    QCase(
        "dashboards:index[map]",
        "dashboards:index",
        params={"panel": "map", "format": "html", "measure": "revenue"},
    ),
    QCase(
        "dashboards:index[csv]",
        "dashboards:index",
        params={"panel": "revenue", "format": "csv"},
        grows=False,
    ),
    # showcase and open data (public; asked as an anonymous visitor)
    QCase("showcase:index", "showcase:index", persona="anonymous", grows=False),  # the latest few
    QCase("showcase:products", "showcase:products", persona="anonymous"),
    QCase("showcase:product", "showcase:product", code("product_a"), "anonymous"),
    QCase("showcase:province", "showcase:province", {"code": "50"}, "anonymous"),
    QCase("showcase:contests", "showcase:contests", persona="anonymous"),
    QCase("showcase:contest", "showcase:contest", pk("contest_a_published"), "anonymous"),
    QCase("showcase:news", "showcase:news", persona="anonymous"),
    QCase("showcase:news[national]", "showcase:news"),
    QCase("showcase:sitemap", "showcase:sitemap", persona="anonymous"),
    QCase("showcase:knowledge", "showcase:knowledge", persona="anonymous"),
    QCase("showcase:knowledge[signed in]", "showcase:knowledge", persona="producer_a"),
    QCase("showcase:knowledge[q]", "showcase:knowledge", params={"q": "มผช. สินค้า"}),
    QCase(
        "showcase:knowledge[filtered]",
        "showcase:knowledge",
        params={"area": "packaging", "category": "TEXTILE", "province": "50"},
    ),
    QCase("showcase:knowledge_item", "showcase:knowledge_item", first_public_item, grows=False),
    QCase("open_data:index", "open_data:index", persona="anonymous"),
    *(
        QCase(
            f"open_data:{name}.{fmt}", "open_data:dataset", {"name": name, "fmt": fmt}, "anonymous"
        )
        for name, fmt in (("products", "csv"), ("contest-results", "json"), ("news", "csv"))
    ),
    # API lists
    QCase("api:membership-list", "api:membership-list"),
    QCase("api:province-list", "api:province-list"),
    QCase("api:district-list", "api:district-list"),
    QCase("api:subdistrict-list", "api:subdistrict-list"),
    QCase("api:producer-list", "api:producer-list"),
    QCase("api:producer-list[filtered]", "api:producer-list", params={"stars": "3,4", "q": "ผู้ผลิต"}),
    QCase("api:product-list", "api:product-list"),
    QCase(
        "api:product-list[filtered]",
        "api:product-list",
        params={"segment": "C,D", "province": "50"},
    ),
    QCase("api:product-list[q]", "api:product-list", params={"q": "สินค้า"}),
    QCase("api:network-list", "api:network-list"),
    QCase("api:committee-member-list", "api:committee-member-list"),
    QCase("api:knowledge-source-list", "api:knowledge-source-list"),
    QCase("api:knowledge-source-list[q]", "api:knowledge-source-list", params={"q": "บรรจุภัณฑ์"}),
    QCase("api:meeting-list", "api:meeting-list"),
    QCase("api:project-list", "api:project-list"),
    QCase("api:project-candidates", "api:project-candidates", pk("project_a")),
    QCase("api:project-participants", "api:project-participants", pk("project_a")),
    QCase("api:plan-list", "api:plan-list"),
    QCase("api:training-list", "api:training-list"),
    QCase("api:contest-list", "api:contest-list"),
    QCase("api:contest-entries", "api:contest-entries", pk("api_contest_open_a")),
    QCase("api:contest-results", "api:contest-results", pk("api_contest_closed_a")),
    QCase("api:contest-scores", "api:contest-scores", pk("api_contest_open_a"), "judge_a"),
    QCase("api:outcomes-list", "api:outcomes-list"),
    QCase("api:knowledge-list", "api:knowledge-list"),
    QCase("api:knowledge-list[anonymous]", "api:knowledge-list", persona="anonymous"),
    QCase("api:knowledge-list[q]", "api:knowledge-list", params={"q": "มผช. บรรจุภัณฑ์"}),
    QCase(
        "api:knowledge-list[filtered]",
        "api:knowledge-list",
        params={"area": "packaging", "category": "FOOD", "province": "50"},
    ),
]

# Cases whose N+1 sits in code this guard may not change (dashboards, showcase): expected to
# fail until fixed (strict: a fix turns them into failures that ask to drop the mark).
XFAIL: dict[str, str] = {}


@pytest.fixture(scope="module")
def counted(django_db_setup, django_db_blocker):
    """{case id: [small, large] Measures, or the error a request raised}."""
    with django_db_blocker.unblock(), transaction.atomic():
        found = run(CASES, SMALL, LARGE)
        transaction.set_rollback(True)
    return found


def params() -> list:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=XFAIL[case.id])]
            if case.id in XFAIL
            else [],
        )
        for case in CASES
    ]


@pytest.mark.parametrize("case", params())
def test_the_query_count_does_not_grow_with_the_rows(case: QCase, counted):
    found = counted[case.id]
    if isinstance(found, Exception):
        raise found
    small, large = found
    if case.grows:
        assert large.size > small.size, f"{case.id}: the answer does not show the added rows"
    assert large.count <= small.count + case.extra, (
        f"{case.id}: {small.count} queries with {SMALL} rows of each kind, {large.count} with "
        f"{LARGE}; these ran more often:\n{grown_queries(small, large)}"
    )


def test_the_cases_have_distinct_ids():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


def api_list_routes() -> set[str]:
    """The API's list routes: each viewset's list and its list-like actions."""
    from kbo.api.urls import router

    names = set()
    for _prefix, viewset, basename in router.registry:
        if hasattr(viewset, "list"):
            names.add(f"api:{basename}-list")
        names |= {f"api:{basename}-{a.url_name}" for a in viewset.get_extra_actions()}
    return names


def test_every_api_list_route_is_guarded():
    guarded = {case.url for case in CASES}
    assert api_list_routes() - guarded == set(), "add a QCase for these API lists"


def test_every_case_names_a_url_that_exists():
    from tests.test_permissions import url_names

    assert {case.url for case in CASES} - set(url_names()) == set()


# --- API counts stop at the cap when a filter is on ---------------------------------------


@pytest.fixture
def capped_api(registry, client_for, monkeypatch):
    """Province A with 5 products named สินค้า, and counts that stop at 2."""
    from kbo.core.paging import CappedPaginator
    from tests.query_counts import add_product

    for n in range(5):
        add_product(registry["producer_a"], f"C{n:04d}", "สินค้า", n)
    monkeypatch.setattr(CappedPaginator, "cap", 2)
    return client_for("national")


def test_a_filtered_api_list_says_its_count_stopped_and_keeps_paging(capped_api):
    first = capped_api.get("/api/v1/products/", {"q": "สินค้า", "page_size": 2}).json()
    assert (first["count"], first["count_capped"], len(first["results"])) == (2, True, 2)
    codes = [row["code"] for row in first["results"]]
    page, url = first, first["next"]
    while url:
        page = capped_api.get(url).json()
        codes += [row["code"] for row in page["results"]]
        url = page["next"]
    assert sorted(codes) == [f"C{n:04d}" for n in range(5)]
    assert page["count_capped"] and page["previous"]


def test_a_page_past_the_last_row_is_not_found(capped_api):
    response = capped_api.get("/api/v1/products/", {"q": "สินค้า", "page_size": 2, "page": 4})
    assert response.status_code == 404


def test_an_unfiltered_api_list_counts_exactly(capped_api):
    body = capped_api.get("/api/v1/products/", {"page_size": 2}).json()
    assert (body["count"], body["count_capped"]) == (7, False)  # 5 + products A and B


def test_a_filtered_api_list_under_the_cap_counts_exactly(capped_api):
    body = capped_api.get("/api/v1/products/", {"province": "58"}).json()
    assert (body["count"], body["count_capped"], body["next"]) == (1, False, None)


def test_the_schema_documents_the_capped_count(client_for, db):
    schema = client_for("anonymous").get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    page = schema.json()["components"]["schemas"]["PaginatedProductList"]
    assert page["properties"]["count_capped"]["type"] == "boolean"
    assert "count_capped" in page["required"]
