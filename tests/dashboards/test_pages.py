"""The dashboard pages: who is sent where, scoping, and the numbers of each panel (CSV)."""

import csv
import io

from django.urls import reverse

from kbo.geo.models import Province

INDEX = reverse("dashboards:index")


def page(code: str | None) -> str:
    return reverse("dashboards:province", kwargs={"code": code}) if code else INDEX


def rows(client, code: str | None, panel: str, **params) -> list[list[str]]:
    """The panel's CSV rows (header dropped), as the user downloads them."""
    query = {"panel": panel, "format": "csv", **params}
    response = client.get(page(code), query)
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))[1:]


def test_officers_committee_and_judges_are_sent_to_their_province(dash, client_for):
    for persona in ("officer_a", "committee_a", "judge_a"):
        response = client_for(persona).get(INDEX, {"year": "2562"})
        assert response.status_code == 302
        assert response["Location"] == page("50") + "?year=2562"
    assert client_for("officer_b").get(INDEX)["Location"] == page("58")


def test_national_staff_see_the_national_dashboard_and_pick_a_province(dash, client_for):
    national = client_for("national")
    response = national.get(INDEX)
    assert response.status_code == 200
    assert response.context["province"] is None
    assert response.context["year"] == 2563  # the latest year with projects
    picked = national.get(INDEX, {"province": "58", "year": "2563"})
    assert picked["Location"] == page("58") + "?year=2563"
    assert national.get(page("58")).status_code == 200


def test_producers_are_refused_and_visitors_sent_to_sign_in(dash, client_for):
    assert client_for("producer_a").get(INDEX).status_code == 403
    assert client_for("producer_a").get(page("50")).status_code == 403
    response = client_for("anonymous").get(page("50"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_another_provinces_dashboard_is_not_there(dash, client_for):
    assert client_for("officer_a").get(page("58")).status_code == 404
    assert client_for("officer_b").get(page("50")).status_code == 404
    assert (
        client_for("officer_a")
        .get(page("58"), {"panel": "categories", "format": "csv"})
        .status_code
        == 404
    )
    assert client_for("national").get(page("99")).status_code == 404


def test_registry_panels_count_the_province_only(dash, client_for):
    officer = client_for("officer_a")
    categories = rows(officer, "50", "categories")
    assert [int(r[1]) for r in categories] == [0, 1, 2, 1, 0]  # food, beverage, textile...
    stars = rows(officer, "50", "stars")
    assert [(int(r[0]), int(r[2])) for r in stars] == [
        (0, 1),
        (1, 0),
        (2, 1),
        (3, 1),
        (4, 0),
        (5, 1),
    ]
    segments = rows(officer, "50", "segments")
    assert [(r[0], int(r[2])) for r in segments] == [
        ("A", 1),
        ("B", 0),
        ("C", 1),
        ("D", 1),
        ("", 1),
    ]
    assert rows(officer, "50", "registration") == [["2560", "3"], ["2562", "1"]]


def test_national_registry_panels_count_every_province(dash, client_for):
    categories = rows(client_for("national"), None, "categories")
    assert [int(r[1]) for r in categories] == [1, 1, 3, 1, 0]
    segments = rows(client_for("national"), None, "segments")
    assert [(r[0], int(r[2])) for r in segments] == [
        ("A", 1),
        ("B", 1),
        ("C", 1),
        ("D", 2),
        ("", 1),
    ]


def test_project_progress_per_province_and_per_activity(dash, client_for):
    national = client_for("national")
    assert rows(national, None, "selection") == [
        ["50", "เชียงใหม่", "20", "2"],
        ["58", "แม่ฮ่องสอน", "25", "1"],
    ]
    # planned, under way, done, dropped
    assert rows(national, None, "plan_items") == [
        ["50", "เชียงใหม่", "2", "0", "2", "0"],
        ["58", "แม่ฮ่องสอน", "0", "1", "0", "0"],
    ]
    # planned, under way, done
    assert rows(national, None, "activities") == [
        ["50", "เชียงใหม่", "0", "1", "1"],
        ["58", "แม่ฮ่องสอน", "1", "0", "0"],
    ]
    own = rows(client_for("officer_a"), "50", "activities")
    assert [(r[2], r[4]) for r in own] == [("2019-11-01", "50000"), ("", "0")]
    assert len(own) == 2  # Mae Hong Son's contest activity is not listed


def test_an_earlier_year_shows_that_years_projects(dash, client_for):
    assert rows(client_for("officer_a"), "50", "selection", year="2562") == [
        ["50", "เชียงใหม่", "20", "0"]
    ]
    response = client_for("officer_a").get(page("50"), {"year": "2562"})
    assert response.context["year"] == 2562 and response.context["years"] == [2563, 2562]


def test_cohort_kpis_and_categories(dash, client_for):
    kpis = {r[0]: r for r in rows(client_for("officer_a"), "50", "kpis")}
    assert kpis["dash-developed"][2] == "2" and kpis["dash-developed"][5] == "yes"
    assert kpis["dash-rose"][2] == "50" and kpis["dash-rose"][5] == "no"  # weave rose, lamp fell
    response = client_for("officer_a").get(page("50"))
    assert b'data-kpi="dash-developed"' in response.content
    by_category = rows(client_for("officer_a"), "50", "cohort_categories")
    # textile weave 45,000; household lamp 20,000 (tea was not selected)
    assert [(r[1], r[2]) for r in by_category] == [("1", "45000"), ("1", "20000")]
    national = {r[0]: r for r in rows(client_for("national"), None, "kpis")}
    assert national["dash-developed"][2] == "3"
    assert national["dash-rose"][2] == "66.7"


def test_revenue_trend_of_developed_and_all_products(dash, client_for):
    own = rows(client_for("officer_a"), "50", "revenue")
    assert [r[0] for r in own] == ["2559", "2560", "2561", "2562", "2563"]
    assert own[3][1:] == ["65000", "65000"]  # weave 40,000 + lamp 25,000
    assert own[4][1:] == ["65000", "77500"]  # developed: weave + lamp; all: + tea
    national = rows(client_for("national"), None, "revenue")
    assert national[4][1:] == ["135000", "147500"]
    assert national[0][1:] == ["0", "0"]


def test_the_map_is_keyed_by_province_code(dash, client_for):
    national = client_for("national")
    table = {r[0]: r[2:] for r in rows(national, None, "map")}
    assert table == {
        "50": ["4", "2", "77500", "50"],
        "58": ["2", "1", "70000", "100"],
    }
    response = national.get(INDEX, {"measure": "revenue", "panel": "map", "format": "html"})
    tiles = {t.code: t for t in response.context["panel"].extra["tiles"]}
    assert len(tiles) == 77 and tiles["50"].value == 77500 and tiles["58"].value == 70000
    assert b'data-province="58" data-value="70000' in response.content


def test_a_provincial_map_highlights_the_own_province_only(dash, client_for):
    response = client_for("officer_a").get(
        page("50"), {"measure": "products", "panel": "map", "format": "html"}
    )
    tiles = {t.code: t for t in response.context["panel"].extra["tiles"]}
    assert tiles["50"].highlight and tiles["50"].value == 4
    assert tiles["58"].value is None and not tiles["58"].in_scope
    assert [r[0] for r in rows(client_for("officer_a"), "50", "map")] == ["50"]


def test_an_unknown_panel_is_not_found(dash, client_for):
    response = client_for("national").get(INDEX, {"panel": "nope", "format": "csv"})
    assert response.status_code == 404


def test_the_csv_names_the_panel_province_and_year(dash, client_for):
    response = client_for("officer_a").get(page("50"), {"panel": "stars", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kbo-dashboard-stars-50-2563.csv"' in response["Content-Disposition"]


def test_every_chart_has_its_data_and_a_table(dash, client_for):
    response = client_for("national").get(INDEX)
    html = response.content.decode()
    for name in ("categories", "stars", "segments", "registration", "selection", "plan_items"):
        assert f'id="chart-data-{name}" type="application/json"' in html
        assert f'data-testid="table-{name}"' in html
    assert "<script>" not in html  # no inline script: data travels in json_script blocks
    assert Province.objects.count() == 2


def test_the_revenue_and_map_panels_load_after_the_page(dash, client_for):
    national = client_for("national")
    html = national.get(INDEX, {"year": "2563"}).content.decode()
    assert 'hx-get="?year=2563&amp;measure=products&amp;panel=revenue&amp;format=html"' in html
    assert 'id="chart-data-revenue"' not in html
    fragment = national.get(INDEX, {"year": "2563", "panel": "revenue", "format": "html"})
    assert b'id="chart-data-revenue" type="application/json"' in fragment.content
    assert b'data-testid="table-revenue"' in fragment.content
    assert b"<html" not in fragment.content
    assert (
        client_for("officer_a").get(page("58"), {"panel": "map", "format": "html"}).status_code
        == 404
    )
