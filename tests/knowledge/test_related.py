"""Related knowledge beside a need, a product and a training session."""

import pytest

from kbo.knowledge import related

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(make_item, geo):
    return {
        "box": make_item(
            "กล่องสำหรับงานแสดงสินค้า",
            area_codes=["packaging"],
            categories=["FOOD"],
            visibility="PUBLIC",
        ),
        "label": make_item(
            "ฉลากผ้าทอ", area_codes=["packaging"], categories=["TEXTILE"], visibility="PUBLIC"
        ),
        "brand": make_item("เรื่องเล่าตราสินค้า", area_codes=["branding"], visibility="PUBLIC"),
        "books": make_item("บัญชีกลุ่ม", area_codes=["finance"], visibility="PUBLIC"),
        "draft": make_item("กล่องฉบับร่าง", area_codes=["packaging"], province=geo["50"]),
    }


def titles(items):
    return [item.title for item in items]


def test_a_packaging_need_shows_packaging_items_first(shelf, people):
    found = titles(related.for_need(people["producer_a"], "PACKAGING", "TEXTILE"))
    assert found[:2] == ["ฉลากผ้าทอ", "กล่องสำหรับงานแสดงสินค้า"]  # the category counts
    assert "เรื่องเล่าตราสินค้า" in found  # branding serves packaging needs too
    assert "บัญชีกลุ่ม" not in found
    assert "กล่องฉบับร่าง" not in found  # a draft is not for producers


def test_editors_see_their_drafts_among_related_items(shelf, people):
    found = titles(related.for_need(people["officer_a"], "PACKAGING", "FOOD"))
    assert found[0] == "กล่องสำหรับงานแสดงสินค้า"
    assert "กล่องฉบับร่าง" in found


def test_needs_of_one_area_share_one_lookup(shelf, people, django_assert_max_num_queries):
    needs = [(1, "PACKAGING"), (2, "PACKAGING"), (3, "PRICE")]
    with django_assert_max_num_queries(2 + 2):  # memberships, then one query per area
        found = related.for_needs(people["producer_a"], needs, "FOOD")
    assert titles(found[1]) == titles(found[2])
    assert titles(found[3]) == ["บัญชีกลุ่ม"]


def test_a_product_gets_items_for_its_category_when_it_has_no_needs(shelf, people, registry):
    found = titles(related.for_product(people["officer_a"], registry["product_a"]))
    assert found == ["ฉลากผ้าทอ"]
