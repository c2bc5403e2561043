"""The registry API: /api/v1/producers/ and /api/v1/products/ (filters, scoping, writes)."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kbo.accounts import access
from kbo.geo.models import District, Subdistrict
from kbo.registry.api import personal_data_rule
from kbo.registry.models import (
    Producer,
    Product,
    SegmentAssessment,
    StarRating,
    StarRound,
    Subcategory,
)
from kbo.search import document

PRODUCERS = "/api/v1/producers/"
PRODUCTS = "/api/v1/products/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_persona(people):
    """as_persona("officer_a") is an API client signed in with that persona's token."""

    def build(persona: str) -> APIClient:
        client = APIClient()
        if persona != "anonymous":
            token, _ = Token.objects.get_or_create(user=people[persona])
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return build


def add_producer(code, sub, year, name, **extra):
    producer = Producer.objects.create(
        code=code, producer_type=extra.pop("producer_type", "COMMUNITY_GROUP"), name=name,
        registered_year=year, province=sub.province, district=sub.district, subdistrict=sub,
        **extra,
    )  # fmt: skip
    producer.search_text = document(name, sub.name_th, sub.province.name_th)
    producer.save()
    return producer


def add_product(code, producer, name, category, stars=None, segment=""):
    product = Product.objects.create(
        code=code, producer=producer, province=producer.province, name=name, category=category,
        current_stars=stars, current_star_year=2567 if stars else None, current_segment=segment,
    )  # fmt: skip
    product.search_text = document(name, producer.name)
    product.save()
    if stars:
        rnd, _ = StarRound.objects.get_or_create(year=2567)
        StarRating.objects.create(product=product, round=rnd, stars=stars)
    if segment:
        SegmentAssessment.objects.create(product=product, year=2567, segment=segment)
    return product


@pytest.fixture
def catalogue(registry, geo):
    """The `registry` fixture plus a second district of Chiang Mai (San Kamphaeng) with a
    producer registered in 2555 and products of other categories, stars and segments."""
    cm = geo["50"]
    district = District.objects.create(
        code="5013", name_th="สันกำแพง", name_en="San Kamphaeng", province=cm
    )
    sub = Subdistrict.objects.create(
        code="501312", name_th="ต้นเปา", name_en="Ton Pao", district=district, province=cm
    )
    ton_pao = add_producer("P50002", sub, 2555, "วิสาหกิจชุมชนร่มบ่อสร้าง", phone="053111222")
    return {
        **registry,
        "ton_pao": ton_pao,
        "umbrella": add_product("500002", ton_pao, "ร่มกระดาษสาบ่อสร้าง", "HOUSEHOLD", 5, "A"),
        "sausage": add_product("500003", ton_pao, "ไส้อั่วสมุนไพร", "FOOD"),
        "coffee": add_product("500004", ton_pao, "กาแฟอาราบิก้าคั่วกลาง", "BEVERAGE", 2, "C"),
    }


def codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["results"]}


# --- Reading and scoping ------------------------------------------------------------------


def test_it_asks_for_a_token(api, registry):
    assert api.get(PRODUCTS).status_code == 401
    assert api.get(PRODUCERS).status_code == 401


def test_an_officer_sees_only_their_provinces_products(as_persona, registry):
    officer_b = as_persona("officer_b")
    assert codes(officer_b.get(PRODUCTS)) == {"580001"}
    assert officer_b.get(f"{PRODUCTS}{registry['product_a'].pk}/").status_code == 404
    assert officer_b.get(f"{PRODUCERS}{registry['producer_a'].pk}/").status_code == 404
    assert codes(as_persona("national").get(PRODUCTS)) == {"500001", "580001"}


def test_a_producer_sees_only_their_own_records(as_persona, catalogue):
    producer_a = as_persona("producer_a")
    assert codes(producer_a.get(PRODUCTS)) == {"500001"}
    assert codes(producer_a.get(PRODUCERS)) == {"P50001"}
    assert producer_a.get(f"{PRODUCTS}{catalogue['umbrella'].pk}/").status_code == 404


def test_a_product_shows_its_place_producer_and_latest_standing(as_persona, registry):
    body = as_persona("officer_a").get(PRODUCTS).json()["results"][0]
    assert body["producer"] == "P50001" and body["producer_name"].startswith("กลุ่มทอผ้า")
    assert (body["province"], body["district"], body["subdistrict"]) == ("50", "5001", "500101")
    assert body["category"] == "TEXTILE"
    assert (body["current_stars"], body["current_star_year"], body["current_segment"]) == (
        3,
        2565,
        "D",
    )
    assert "star_ratings" not in body


def test_the_detail_holds_the_histories(as_persona, registry):
    body = as_persona("committee_a").get(f"{PRODUCTS}{registry['product_a'].pk}/").json()
    assert body["star_ratings"] == [
        {
            "round_year": 2565, "stars": 3, "score": "72.00", "score_strength": None,
            "score_marketing": None, "score_quality": None,
        }
    ]  # fmt: skip
    assert body["segments"] == [{"year": 2565, "segment": "D", "note": ""}]
    certificate = body["certificates"][0]
    assert certificate["kind"] == "MOPHOCHO" and certificate["expires_on"] == "2025-03-01"
    assert certificate["is_expired"] is True and certificate["file"] is None
    assert body["sales"] == [
        {"fiscal_year": 2565, "channel": "TOTAL", "amount": "120000.00", "units": None}
    ]


def test_a_producer_is_found_by_code(as_persona, catalogue):
    officer_a = as_persona("officer_a")
    assert codes(officer_a.get(PRODUCERS, {"code": "P50002"})) == {"P50002"}
    assert codes(officer_a.get(PRODUCTS, {"code": "500003"})) == {"500003"}
    assert codes(as_persona("officer_b").get(PRODUCTS, {"code": "500003"})) == set()


def test_a_producers_personal_data_is_masked_for_other_roles(as_persona, registry):
    url = f"{PRODUCERS}{registry['producer_a'].pk}/"
    full = as_persona("officer_a").get(url).json()
    assert (full["id_number"], full["phone"]) == ("1101700207030", "0812345678")
    assert full["personal_data_masked"] is False
    assert as_persona("producer_a").get(url).json()["id_number"] == "1101700207030"
    for persona in ("committee_a", "judge_a"):
        masked = as_persona(persona).get(url).json()
        assert masked["personal_data_masked"] is True
        assert masked["id_number"] == "1-xxxx-xxxxx-03-0" and masked["phone"] == "xxx-xxx-5678"
        listed = as_persona(persona).get(PRODUCERS).json()["results"][0]
        assert listed["id_number"] == "1-xxxx-xxxxx-03-0"


def test_the_list_rule_for_personal_data_agrees_with_the_rule_in_words(people, registry):
    def in_words(producer, user) -> bool:
        """Citizen ID and phone in full: officers of the province, national staff, the producer."""
        return (
            access.can_manage_province(user, producer.province_id)
            or producer.accounts.filter(pk=user.pk).exists()
        )

    for user in people.values():
        shows = personal_data_rule(user)
        for producer in Producer.objects.all():
            assert shows(producer) == in_words(producer, user), user.username


def test_a_producer_counts_its_products(as_persona, catalogue):
    rows = as_persona("officer_a").get(PRODUCERS).json()["results"]
    assert {r["code"]: r["product_count"] for r in rows} == {"P50001": 1, "P50002": 3}


# --- Filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"500001", "500002", "500003", "500004", "580001"}),
        ({"province": "58"}, {"580001"}),
        ({"district": "5013"}, {"500002", "500003", "500004"}),
        ({"category": "FOOD"}, {"500003"}),
        ({"category": "food,beverage"}, {"500003", "500004"}),
        ({"stars": "3"}, {"500001", "580001"}),
        ({"stars": "0"}, {"500003"}),
        ({"stars": "0,5"}, {"500002", "500003"}),
        ({"segment": "A,C"}, {"500002", "500004"}),
        ({"segment": "D", "province": "50"}, {"500001"}),
        ({"registered_year_min": "2556"}, {"500001", "580001"}),
        ({"registered_year_max": "2555"}, {"500002", "500003", "500004"}),
        (
            {"registered_year_min": "2555", "registered_year_max": "2555"},
            {"500002", "500003", "500004"},
        ),
        ({"q": "ผ้าทอ"}, {"500001", "580001"}),
        ({"q": "ขนแกะ"}, {"580001"}),
        ({"q": "กระดาษสา"}, {"500002"}),
        ({"q": "บ่อสร้าง", "category": "FOOD"}, {"500003"}),
    ],
)
def test_products_filter_by_every_parameter(as_persona, catalogue, params, expected):
    assert codes(as_persona("national").get(PRODUCTS, params)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "50"}, {"P50001", "P50002"}),
        ({"district": "5803"}, {"P58001"}),
        ({"category": "TEXTILE"}, {"P50001", "P58001"}),
        ({"stars": "0"}, {"P50002"}),
        ({"stars": "5", "segment": "C"}, set()),
        ({"stars": "2", "segment": "C"}, {"P50002"}),
        ({"segment": "D"}, {"P50001", "P58001"}),
        ({"registered_year_max": "2559"}, {"P50002"}),
        ({"q": "ร่มบ่อสร้าง"}, {"P50002"}),
    ],
)
def test_producers_filter_by_their_products_and_registration(
    as_persona, catalogue, params, expected
):
    assert codes(as_persona("national").get(PRODUCERS, params)) == expected


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"province": "5"}, "province", "2"),
        ({"district": "50"}, "district", "4"),
        ({"category": "FOOD,TOYS"}, "category", "TOYS"),
        ({"stars": "6"}, "stars", "6"),
        ({"stars": "three"}, "stars", "THREE"),
        ({"segment": "E"}, "segment", "E"),
        ({"registered_year_min": "2020"}, "registered_year_min", "2020"),
        ({"registered_year_max": "ปีนี้"}, "registered_year_max", "2564"),
        (
            {"registered_year_min": "2565", "registered_year_max": "2560"},
            "registered_year_max",
            "registered_year_min",
        ),
    ],
)
def test_a_bad_filter_value_answers_400_naming_it(as_persona, registry, params, field, words):
    for url in (PRODUCTS, PRODUCERS):
        response = as_persona("officer_a").get(url, params)
        assert response.status_code == 400
        assert words in " ".join(response.json()[field])


def test_the_list_runs_the_same_queries_for_more_rows(
    as_persona, catalogue, django_assert_max_num_queries
):
    client = as_persona("officer_a")
    params = {"stars": "0,2,3,5", "q": "บ้าน", "registered_year_min": "2550"}
    for url in (PRODUCTS, PRODUCERS):
        client.get(url)  # warm caches (content types, translations)
    with django_assert_max_num_queries(5):
        small = len(client.get(PRODUCTS).json()["results"])
    with django_assert_max_num_queries(5):
        client.get(PRODUCERS, params)
    ton_pao = catalogue["ton_pao"]
    for n in range(30):
        add_product(f"5009{n:02d}", ton_pao, f"สินค้าที่ {n}", "FOOD", stars=n % 5 or None)
        add_producer(f"P509{n:02d}", ton_pao.subdistrict, 2560, f"กลุ่มแม่บ้าน {n}")
    with django_assert_max_num_queries(5):
        assert len(client.get(PRODUCTS).json()["results"]) == small + 30
    with django_assert_max_num_queries(5):
        client.get(PRODUCERS, params)
    committee = as_persona("committee_a")
    with django_assert_max_num_queries(5):
        assert len(committee.get(PRODUCERS).json()["results"]) == 32


def test_the_detail_runs_a_fixed_number_of_queries(
    as_persona, catalogue, django_assert_max_num_queries
):
    client = as_persona("officer_a")
    client.get(f"{PRODUCTS}{catalogue['umbrella'].pk}/")
    with django_assert_max_num_queries(9):
        assert client.get(f"{PRODUCTS}{catalogue['umbrella'].pk}/").status_code == 200


# --- Writes -------------------------------------------------------------------------------

NEW_PRODUCER = {
    "code": "P50100",
    "name": "กลุ่มแม่บ้านเกษตรกรบ้านศรีภูมิ",
    "producer_type": "COMMUNITY_GROUP",
    "registered_year": 2562,
    "subdistrict": "500101",
    "village_no": 4,
    "phone": "0891234567",
    "id_number": "1-1017-00207-03-0",
}


def entries_for(instance):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_pk=str(instance.pk)
    )


def test_an_officer_registers_a_producer_in_their_province(as_persona, people, geo):
    response = as_persona("officer_a").post(PRODUCERS, NEW_PRODUCER, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["province"], body["district"], body["id_number"]) == (
        "50",
        "5001",
        "1101700207030",
    )
    producer = Producer.objects.get(code="P50100")
    assert producer.search_text and producer.province.code == "50"
    entry = entries_for(producer).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == people["officer_a"]


def test_a_producer_with_a_bad_id_or_subdistrict_is_refused(as_persona, geo):
    client = as_persona("officer_a")
    for change, field in [
        ({"id_number": "1101700207031"}, "id_number"),
        ({"id_number": "12345"}, "id_number"),
        ({"subdistrict": "509999"}, "subdistrict"),
        ({"subdistrict": "5001"}, "subdistrict"),
        ({"registered_year": 2019}, "registered_year"),
    ]:
        response = client.post(PRODUCERS, {**NEW_PRODUCER, **change}, format="json")
        assert response.status_code == 400 and field in response.json(), change
    assert not Producer.objects.filter(code="P50100").exists()


def test_only_officers_register_and_only_in_their_own_province(as_persona, geo):
    assert as_persona("committee_a").post(PRODUCERS, NEW_PRODUCER, format="json").status_code == 403
    assert as_persona("producer_a").post(PRODUCERS, NEW_PRODUCER, format="json").status_code == 403
    in_a = as_persona("officer_b").post(PRODUCERS, NEW_PRODUCER, format="json")
    assert in_a.status_code == 403
    assert as_persona("anonymous").post(PRODUCERS, NEW_PRODUCER, format="json").status_code == 401
    assert not Producer.objects.filter(code="P50100").exists()
    assert as_persona("national").post(PRODUCERS, NEW_PRODUCER, format="json").status_code == 201


def test_an_update_is_audited_with_the_api_user(as_persona, people, registry):
    producer = registry["producer_a"]
    url = f"{PRODUCERS}{producer.pk}/"
    response = as_persona("officer_a").patch(url, {"member_count": 40}, format="json")
    assert response.status_code == 200 and response.json()["member_count"] == 40
    entry = entries_for(producer).latest("timestamp")
    assert entry.actor == people["officer_a"] and entry.changes_dict["member_count"] == ["25", "40"]


def test_who_may_change_a_producer(as_persona, registry):
    url = f"{PRODUCERS}{registry['producer_a'].pk}/"
    for persona, status in [
        ("committee_a", 403), ("judge_a", 403), ("producer_a", 403), ("officer_b", 404),
        ("anonymous", 401), ("officer_a", 200), ("national", 200),
    ]:  # fmt: skip
        response = as_persona(persona).patch(url, {"contact_name": persona}, format="json")
        assert response.status_code == status, persona
    assert Producer.objects.get(pk=registry["producer_a"].pk).contact_name == "national"


def test_moving_a_producer_to_another_province_needs_rights_there(as_persona, registry):
    url = f"{PRODUCERS}{registry['producer_a'].pk}/"
    response = as_persona("officer_a").patch(url, {"subdistrict": "580301"}, format="json")
    assert response.status_code == 403
    response = as_persona("national").patch(url, {"subdistrict": "580301"}, format="json")
    assert response.status_code == 200 and response.json()["province"] == "58"
    assert Product.objects.get(pk=registry["product_a"].pk).province.code == "58"


def test_a_full_update_replaces_the_fields(as_persona, registry):
    url = f"{PRODUCERS}{registry['producer_a'].pk}/"
    response = as_persona("officer_a").put(url, {**NEW_PRODUCER, "code": "P50001"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == NEW_PRODUCER["name"]


def test_records_cannot_be_deleted_through_the_api(as_persona, registry):
    client = as_persona("national")
    assert client.delete(f"{PRODUCTS}{registry['product_a'].pk}/").status_code == 405
    assert client.delete(f"{PRODUCERS}{registry['producer_a'].pk}/").status_code == 405


NEW_PRODUCT = {
    "code": "500200",
    "producer": "P50001",
    "name": "ผ้าพันคอฝ้ายย้อมคราม",
    "category": "TEXTILE",
    "price": "390.00",
    "unit": "ผืน",
    "sales_channels": ["SHOP", "ONLINE"],
}


def test_an_officer_adds_a_product_to_a_producer(as_persona, people, registry):
    client = as_persona("officer_a")
    response = client.post(PRODUCTS, NEW_PRODUCT, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["province"], body["producer_name"]) == ("50", registry["producer_a"].name)
    assert body["current_stars"] is None and body["current_segment"] is None
    product = Product.objects.get(code="500200")
    assert entries_for(product).get().actor == people["officer_a"]
    assert codes(client.get(PRODUCTS, {"q": "ย้อมคราม"})) == {"500200"}


def test_a_product_must_name_a_producer_the_officer_can_see(as_persona, registry):
    response = as_persona("officer_b").post(PRODUCTS, NEW_PRODUCT, format="json")
    assert response.status_code == 400 and "P50001" in response.json()["producer"][0]


def test_a_product_is_validated(as_persona, registry):
    herbal = Subcategory.objects.create(category="HERBAL", name_th="ยาหม่อง")
    client = as_persona("officer_a")
    for change, field in [
        ({"category": "TOYS"}, "category"),
        ({"price": "-1"}, "price"),
        ({"sales_channels": ["TV"]}, "sales_channels"),
        ({"subcategory": herbal.pk}, "subcategory"),
        ({"code": "500001"}, "code"),
        ({"name": ""}, "name"),
    ]:
        response = client.post(PRODUCTS, {**NEW_PRODUCT, **change}, format="json")
        assert response.status_code == 400 and field in response.json(), change


def test_who_may_change_a_product(as_persona, people, registry):
    product = registry["product_a"]
    url = f"{PRODUCTS}{product.pk}/"
    for persona, status in [
        ("committee_a", 403), ("judge_a", 403), ("producer_a", 403), ("officer_b", 404),
        ("officer_a", 200),
    ]:  # fmt: skip
        response = as_persona(persona).patch(url, {"price": "990"}, format="json")
        assert response.status_code == status, persona
    product.refresh_from_db()
    assert product.price == Decimal("990")
    entry = entries_for(product).latest("timestamp")
    assert entry.actor == people["officer_a"] and "price" in entry.changes_dict


def test_histories_and_current_standing_are_read_only(as_persona, registry):
    url = f"{PRODUCTS}{registry['product_a'].pk}/"
    response = as_persona("officer_a").patch(
        url, {"current_stars": 5, "star_ratings": []}, format="json"
    )
    assert response.status_code == 200
    assert Product.objects.get(pk=registry["product_a"].pk).current_stars == 3
    assert StarRating.objects.filter(product=registry["product_a"]).count() == 1


def test_a_session_user_is_the_actor_too(client_for, people, registry):
    client = client_for("officer_a")
    url = f"{PRODUCTS}{registry['product_a'].pk}/"
    response = client.patch(url, {"unit": "ชิ้น"}, content_type="application/json")
    # A browser session must send the CSRF token; the test client does not enforce it.
    assert response.status_code == 200
    assert entries_for(registry["product_a"]).latest("timestamp").actor == people["officer_a"]


# --- Schema -------------------------------------------------------------------------------


def test_the_schema_lists_the_registry_routes_and_filters(api, db):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    assert {
        "/api/v1/producers/", "/api/v1/producers/{id}/", "/api/v1/products/",
        "/api/v1/products/{id}/",
    } <= set(paths)  # fmt: skip
    params = {p["name"] for p in paths["/api/v1/products/"]["get"]["parameters"]}
    assert {
        "province", "district", "category", "stars", "segment", "registered_year_min",
        "registered_year_max", "q", "code", "page", "page_size",
    } <= params  # fmt: skip
    assert {"get", "put", "patch"} <= set(paths["/api/v1/products/{id}/"])
    assert "delete" not in paths["/api/v1/products/{id}/"]
