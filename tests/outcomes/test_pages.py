"""The cohort outcome page and the KPI definitions."""

from decimal import Decimal

from django.urls import reverse

from kbo.outcomes.models import Kpi


def test_an_officer_sees_the_cohort_of_the_province(cohort, client_for):
    answer = client_for("officer_a").get(reverse("outcomes:index"), {"year": 2562})
    page = answer.content.decode()
    assert {o.code for o in answer.context["outcomes"]} == {"50T1", "50H1", "50B1"}
    assert "82,500" in page  # 50,000 + 20,000 + 12,500 in 2562
    assert "58T1" not in page and "70,000" not in page
    rows = {r.category: r.products for r in answer.context["categories"]}
    assert rows == {"TEXTILE": 1, "HOUSEHOLD": 1, "BEVERAGE": 1}


def test_national_staff_see_every_province_or_one(cohort, client_for):
    client = client_for("national")
    both = client.get(reverse("outcomes:index"), {"year": 2562})
    assert {o.code for o in both.context["outcomes"]} == {"50T1", "50H1", "50B1", "58T1"}
    one = client.get(reverse("outcomes:index"), {"year": 2562, "province": "58"})
    assert [o.code for o in one.context["outcomes"]] == ["58T1"]


def test_national_staff_edit_a_kpi_and_the_target_shows(cohort, client_for):
    kpi = Kpi.objects.get(code="revenue-total")
    data = {
        "name": kpi.name,
        "name_en": kpi.name_en,
        "definition": kpi.definition,
        "definition_en": kpi.definition_en,
        "measure": kpi.measure,
        "baseline_offset": 1,
        "result_offset": 0,
        "target": "80000",
        "position": kpi.position,
        "active": "on",
    }
    client = client_for("national")
    assert client.post(reverse("outcomes:kpi_edit", args=[kpi.pk]), data).status_code == 302
    kpi.refresh_from_db()
    assert kpi.target == Decimal(80_000)
    answer = client_for("officer_a").get(reverse("outcomes:index"), {"year": 2562})
    value = next(v for v in answer.context["kpis"] if v.kpi.code == "revenue-total")
    assert value.met is True
    assert (
        client_for("officer_a").post(reverse("outcomes:kpi_edit", args=[kpi.pk]), data).status_code
        == 403
    )


def test_a_kpi_offset_out_of_range_is_refused(client_for, people):
    kpi = Kpi.objects.get(code="revenue-total")
    answer = client_for("national").post(
        reverse("outcomes:kpi_edit", args=[kpi.pk]),
        {
            "name": "x",
            "measure": kpi.measure,
            "baseline_offset": 0,
            "result_offset": 0,
            "position": 1,
        },
    )
    assert answer.status_code == 200 and answer.context["form"].errors
    kpi.refresh_from_db()
    assert kpi.name != "x"


def test_the_api_gives_the_cohort_of_the_year(cohort, client_for):
    from rest_framework.test import APIClient

    from kbo.accounts.models import User

    client = APIClient()
    client.force_authenticate(User.objects.get(username="officer_a"))
    body = client.get(reverse("api:outcomes-list"), {"fiscal_year": 2562}).json()
    assert body["fiscal_year"] == 2562
    assert {p["code"] for p in body["products"]} == {"50T1", "50H1", "50B1"}
    kpis = {k["code"]: k for k in body["kpis"]}
    assert kpis["revenue-total"]["value"] == "82500" and kpis["revenue-total"]["unit"] == "baht"
    assert client.get(reverse("api:outcomes-list"), {"fiscal_year": "สองพัน"}).status_code == 400
    national = APIClient()
    national.force_authenticate(User.objects.get(username="national"))
    one = national.get(reverse("api:outcomes-list"), {"fiscal_year": 2562, "province": "58"})
    assert [p["code"] for p in one.json()["products"]] == ["58T1"]
