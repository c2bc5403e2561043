"""Finding knowledge: Thai words found wherever they fall, the best matches first."""

import pytest

from kbo.knowledge.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(make_item, geo):
    return {
        "weaving": make_item(
            "เทคนิคการทอผ้าลายน้ำไหล",
            body="<p>ผ้าที่ทอดีแล้วจึงยื่นขอ มผช. ได้</p>",
            area_codes=["textiles"],
            visibility="PUBLIC",
        ),
        "guide": make_item(
            "คู่มือการขอรับรอง มผช. ผ้าทอมือ",
            kind="STANDARD",
            body="<p>เอกสารที่ต้องเตรียม</p>",
            area_codes=["quality"],
            visibility="PUBLIC",
        ),
        "food_guide": make_item(
            "ขั้นตอนขอ มผช. สำหรับอาหารแปรรูป",
            kind="STANDARD",
            area_codes=["quality", "food_safety"],
            visibility="PUBLIC",
        ),
        "online": make_item(
            "ขายออนไลน์ผ่านไลน์โอเอ",
            area_codes=["ecommerce"],
            summary="เปิดร้านบนแพลตฟอร์ม",
            visibility="PUBLIC",
        ),
    }


def ranked(text):
    return [item.title for item in Item.objects.search(text)]


def test_searching_mophocho_ranks_the_certificate_guides_first(shelf):
    found = ranked("มผช.")
    assert set(found[:2]) == {shelf["guide"].title, shelf["food_guide"].title}
    assert found[2] == shelf["weaving"].title
    assert shelf["online"].title not in found


def test_a_query_is_segmented_into_words_found_anywhere(shelf):
    # "ผ้าทอมือ" is three words; the guide holds them in its title.
    assert ranked("ผ้าทอมือ")[0] == shelf["guide"].title
    # A word of the summary or of the expertise area's search words finds an item too.
    assert shelf["online"].title in ranked("แพลตฟอร์ม")
    assert shelf["online"].title in ranked("อีคอมเมิร์ซ")


def test_typing_variants_and_thai_digits_still_match(make_item):
    make_item("การคำนวณต้นทุนสินค้า ๒๕๖๗", visibility="PUBLIC")
    assert ranked("ต้นทุน 2567") == ["การคำนวณต้นทุนสินค้า ๒๕๖๗"]


def test_an_empty_query_filters_nothing(shelf):
    assert Item.objects.search("  ").count() == len(shelf)


def test_an_edit_is_found_by_its_new_words(shelf, people):
    from kbo.knowledge.services import item_save

    item = shelf["online"]
    item.title = "ไลฟ์สดขายผ้า"
    item_save(by=people["national"], item=item, version=item.version)
    assert ranked("ไลฟ์สด") == ["ไลฟ์สดขายผ้า"]
    item.refresh_from_db()
    assert "โอเอ" not in item.title_text + item.search_text


def test_all_words_first_and_some_words_only_when_nothing_holds_them_all(shelf):
    # Both words are in the two standards guides only.
    assert set(ranked("มผช. เอกสาร")) == {shelf["guide"].title}
    # Nothing holds both: items holding either word are offered, best first.
    found = ranked("มผช. แพลตฟอร์ม")
    assert set(found[:2]) == {shelf["guide"].title, shelf["food_guide"].title}
    assert shelf["online"].title in found
