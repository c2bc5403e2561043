"""/api/v1/knowledge/: the items a caller may read (`Item.objects.for_user`), searched and
filtered; PUBLIC items without a token, as the other public endpoints."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kbo.knowledge.models import Item, Kind
from kbo.knowledge.services import item_save
from kbo.programmes.models import Decision, Project
from tests import matrix_knowledge
from tests.conftest import consent_to_case_studies

URL = "/api/v1/knowledge/"


@pytest.fixture
def library(people, registry, kbo_network):
    """tests/matrix_knowledge.py's items: a public, a province-only and a draft item in each
    province (packaging, textiles), national standards guides (quality; textiles and food)."""
    made = {**registry, **kbo_network, "people": people}
    return made | matrix_knowledge.world(made, search=True)


def client_of(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token = Token.objects.get_or_create(user=user)[0].key
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def titles(client: APIClient, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_an_anonymous_caller_gets_the_public_items_without_a_token(library):
    found = titles(client_of())
    assert set(found) == {
        library["knowledge_public_a"].title,
        library["knowledge_public_b"].title,
        library["knowledge_national_public"].title,
    }
    item = library["knowledge_province_a"]
    assert client_of().get(f"{URL}{item.pk}/").status_code == 404


def test_searching_a_standard_ranks_the_certificate_guide_first(library, people):
    item_save(
        by=people["national"],
        item=Item(
            kind="TECHNIQUE",
            visibility="PUBLIC",
            title="เทคนิคการย้อมผ้าด้วยคราม",
            body="<p>ผ้าที่ย้อมดีแล้วนำไปขอ มผช. ได้</p>",
        ),
    )
    response = client_of().get(URL, {"q": "มผช."}).json()
    rows = response["results"]
    assert rows[0]["title"] == library["knowledge_national_public"].title
    assert rows[0]["kind"] == "STANDARD"
    assert [r["title"] for r in rows] == [
        library["knowledge_national_public"].title,
        "เทคนิคการย้อมผ้าด้วยคราม",
    ]
    assert rows[0]["relevance"] > rows[1]["relevance"] > 0


def test_the_area_filter_keeps_the_items_of_that_area(library, people):
    found = titles(client_of(people["national"]), area="packaging")
    assert library["knowledge_public_a"].title in found
    assert library["knowledge_draft_b"].title in found
    assert not any("มผช." in title for title in found)  # the guides are about quality
    assert titles(client_of(), area="no-such-area") == []


def test_the_category_filter_keeps_the_items_for_that_category(library):
    assert titles(client_of(), category="FOOD") == [library["knowledge_national_public"].title]
    assert client_of().get(URL, {"category": "CARS"}).status_code == 400


def test_a_province_b_token_does_not_see_province_a_items(library, people):
    client = client_of(people["officer_b"])
    found = titles(client)
    assert library["knowledge_province_b"].title in found
    assert library["knowledge_province_a"].title not in found
    assert library["knowledge_draft_a"].title not in found
    assert client.get(f"{URL}{library['knowledge_province_a'].pk}/").status_code == 404
    assert titles(client, province="50") == [library["knowledge_public_a"].title]


def test_drafts_are_for_their_editors_only(library, people):
    draft = library["knowledge_draft_a"]
    contributed = library["knowledge_contributed_a"]  # committee_a's, for officers to publish
    editor = client_of(people["officer_a"])
    assert set(titles(editor, visibility="DRAFT")) == {draft.title, contributed.title}
    body = editor.get(f"{URL}{draft.pk}/").json()
    assert body["visibility"] == "DRAFT" and body["attachments"][0]["url"] is None
    for persona in ("producer_a", "committee_a", "officer_b"):
        client = client_of(people[persona])
        assert draft.title not in titles(client, visibility="DRAFT"), persona
        assert client.get(f"{URL}{draft.pk}/").status_code == 404, persona
    assert titles(client_of(people["committee_a"]), visibility="DRAFT") == [contributed.title]
    national = set(titles(client_of(people["national"]), visibility="DRAFT"))
    assert national == {draft.title, contributed.title, library["knowledge_draft_b"].title}


def test_a_list_gives_each_item_without_its_body_and_where_the_whole_item_is(library):
    item = library["knowledge_public_a"]
    (row,) = [r for r in client_of().get(URL).json()["results"] if r["id"] == item.pk]
    assert "body" not in row and "body_en" not in row
    assert row["summary"] == item.summary and row["title"] == item.title
    whole = client_of().get(row["url"]).json()
    assert row["url"] == f"http://testserver{URL}{item.pk}/"
    assert whole["body"] == item.body and whole["url"] == row["url"]


def test_an_item_gives_its_labels_areas_authors_and_file_address(library):
    item, source = library["knowledge_public_a"], library["source_a"]
    source.phone, source.email = "0899990001", "expert@example.com"
    source.save()
    body = client_of().get(f"{URL}{item.pk}/").json()
    with translation.override("th"):
        label = str(Kind.TECHNIQUE.label)
    assert body["kind"] == "TECHNIQUE" and body["kind_label"] == label
    assert body["province"] == "50" and body["areas"] == ["packaging"]
    assert body["categories"] == ["TEXTILE"]
    assert body["authors"] == [source.name]
    assert source.phone not in str(body) and source.email not in str(body)
    assert body["video_links"] == ["https://www.youtube.com/watch?v=kbo"]
    assert body["body"] == "<p>กล่องกระดาษ<strong>ลูกฟูก</strong></p>"
    file = library["knowledge_file_public_a"]
    assert body["attachments"] == [
        {
            "id": file.pk,
            "caption": "เอกสารประกอบ",
            "filename": file.filename,
            "is_image": False,
            "url": f"http://testserver/showcase/knowledge/files/{file.pk}/",
        }
    ]
    assert client_of().get(body["attachments"][0]["url"]).status_code == 200
    assert body["relevance"] is None and body["version"] >= 1


def test_a_case_study_gives_its_product_code_to_those_who_may_see_the_product(library, people):
    product = library["product_b"]
    consent_to_case_studies(product)
    study = item_save(
        by=people["national"],
        item=Item(kind="CASE_STUDY", visibility="PUBLIC", title="กรณีศึกษาผ้าทอ", product=product),
    )
    url = f"{URL}{study.pk}/"
    assert client_of().get(url).json()["product"] is None  # not developed in KBO yet
    assert client_of(people["officer_b"]).get(url).json()["product"] == product.code
    assert client_of(people["officer_a"]).get(url).json()["product"] is None
    project = Project.objects.create(province=product.province, fiscal_year=2565, name="KBO")
    Decision.objects.create(project=project, product=product, status="SELECTED")
    assert client_of().get(url).json()["product"] == product.code  # now showcased


@pytest.fixture
def wsgi_in_the_test():
    """The WSGI handler closes "old" connections around each request, which would close the
    test's own connection (as tests/api/test_fuzz.py, which this reuses)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("persona", ["anonymous", "officer_a"])
def test_full_answers_match_the_openapi_schema(library, people, persona, wsgi_in_the_test):
    """Every field of a filled list and item, as the schema documents it (the fuzz run in
    tests/api sees an empty library)."""
    from tests.api.test_fuzz import CHECKS, schema

    headers = {}
    if persona != "anonymous":
        token = Token.objects.get_or_create(user=people[persona])[0].key
        headers["Authorization"] = f"Token {token}"
    item = library["knowledge_public_a"]
    for path, params in (
        ("/api/v1/knowledge/", {"q": "มผช."}),
        ("/api/v1/knowledge/", {}),
        ("/api/v1/knowledge/{id}/", {}),
    ):
        case = schema[path]["GET"].Case(
            path_parameters={"id": item.pk} if "{id}" in path else {}, query=params
        )
        response = case.call(headers=headers)
        assert response.status_code == 200 and '"attachments"' in response.text
        case.validate_response(response, checks=CHECKS)
