import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kbo.geo.services import geo_load
from tests.conftest import PASSWORD


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db
def test_it_answers_all_areas_of_thailand(api):
    geo_load()
    assert api.get("/api/v1/provinces/").json()["count"] == 77
    assert api.get("/api/v1/districts/").json()["count"] == 928
    subdistricts = api.get("/api/v1/subdistricts/").json()
    assert subdistricts["count"] == 7436 and len(subdistricts["results"]) == 100
    assert api.get("/api/v1/districts/", {"province": "58"}).json()["count"] == 7
    pai = api.get("/api/v1/subdistricts/", {"district": "5803"}).json()
    assert pai["count"] == 7 and {r["district"] for r in pai["results"]} == {"5803"}


def test_a_subdistrict_by_code_gives_its_names_and_postal_code(api, geo):
    body = api.get("/api/v1/subdistricts/580301/").json()
    assert body["name_th"] == "เวียงใต้" and body["name_en"] == "Wiang Tai"
    assert body["postal_code"] == "58130" and body["postal_codes"] == ["58130"]
    assert body["district_name_th"] == "ปาย" and body["province"] == "58"
    assert api.get("/api/v1/subdistricts/999999/").status_code == 404


def test_a_token_is_issued_for_a_valid_password_and_opens_the_api(api, people):
    response = api.post(
        reverse("api:token"), {"username": "officer_a", "password": PASSWORD}, format="json"
    )
    token = response.json()["token"]
    assert api.get("/api/v1/me/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/").json()
    assert me["username"] == "officer_a" and me["memberships"][0]["province"] == "50"


def test_a_wrong_password_gets_no_token(api, people):
    response = api.post(
        reverse("api:token"), {"username": "officer_a", "password": "nope"}, format="json"
    )
    assert response.status_code == 400 and "token" not in response.json()


def test_memberships_are_scoped_to_the_officers_province(api, people):
    api.force_authenticate(people["officer_a"])
    body = api.get("/api/v1/memberships/").json()
    assert {m["province"] for m in body["results"]} == {"50"}
    other = people["producer_b"].memberships.get()
    assert api.get(f"/api/v1/memberships/{other.pk}/").status_code == 404


def test_the_schema_is_openapi_3_and_lists_the_routes(api, db):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/provinces/", "/api/v1/subdistricts/{code}/", "/api/v1/auth/token/"} <= set(
        schema["paths"]
    )


def test_the_docs_page_needs_no_cdn(api, db):
    html = api.get("/api/v1/docs/").content.decode()
    assert "cdn." not in html and "/static/drf_spectacular_sidecar/" in html
