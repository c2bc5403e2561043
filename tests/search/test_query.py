"""matches() and rank_by_name() on the database, with Subdistrict.name_th as the document."""

import pytest
from django.db.models import Q

from kbo.geo.models import District, Province, Region, Subdistrict
from kbo.search import document, matches, rank_by_name
from kbo.search.query import condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(geo):
    """make("ผ้าทอขนแกะ", "แม่ฮ่องสอน") stores a subdistrict whose name_th is their document."""
    district = District.objects.get(code="5803")
    codes = iter(range(580310, 580399))

    def make(*parts: str, name_en: str = "") -> Subdistrict:
        return Subdistrict.objects.create(
            code=str(next(codes)),
            name_th=document(*parts),
            name_en=name_en,
            district=district,
            province=district.province,
        )

    return make


def found(query: str, field: str = "name_th") -> set[str]:
    return set(
        matches(Subdistrict.objects.all(), query, field=field).values_list("code", flat=True)
    )


def test_it_finds_a_product_by_any_of_its_words(place):
    wool = place("ผ้าทอขนแกะ", "แม่ฮ่องสอน").code
    silk = place("ผ้าไหมมัดหมี่", "เชียงใหม่").code
    assert found("ผ้าทอ") == {wool}
    assert found("ขนแกะ") == {wool}
    assert found("ผ้าทอ แม่ฮ่องสอน") == {wool}
    assert found("ผ้าทอแม่ฮ่องสอน") == {wool}
    assert found("ผ้า") == {wool, silk}


def test_every_word_must_match(place):
    place("ผ้าทอขนแกะ", "แม่ฮ่องสอน")
    assert found("ผ้าทอ เชียงใหม่") == set()
    assert found("ขนแกะ ผ้าไหม") == set()


def test_latin_words_match_in_any_case(place):
    coffee = place("OTOP Coffee-Beans", "ดอยช้าง", name_en="Doi Chang Coffee").code
    assert found("otop COFFEE") == {coffee}
    assert found("coffeebeans ดอยช้าง") == {coffee}
    assert found("DOI chang", field="name_en") == {coffee}


def test_thai_digits_in_a_query_match_arabic_digits(place):
    rice = place("ข้าวหอมมะลิ 5 กก.").code
    assert found("ข้าว ๕ กก") == {rice}


def test_an_empty_query_returns_the_queryset_unchanged(place):
    place("ผ้าทอขนแกะ")
    queryset = Subdistrict.objects.all()
    assert matches(queryset, "") is queryset
    assert matches(queryset, "  ...  ") is queryset


def test_rank_by_name_puts_whole_matches_first_then_thai_order(db):
    north = Region.objects.create(code="north", name_th="ภาคเหนือ", sort_order=1)
    for code, name in enumerate(["แพร่", "บ้านใหม่", "กระบี่", "เชียงใหม่", "ตรัง"], start=10):
        Province.objects.create(code=str(code), name_th=name, region=north)
    ranked = rank_by_name(Province.objects.all(), " ใหม่ ", field="name_th")
    names = list(ranked.values_list("name_th", flat=True))
    assert names == ["เชียงใหม่", "บ้านใหม่", "กระบี่", "ตรัง", "แพร่"]
    everything = rank_by_name(Province.objects.all(), "", field="name_th")
    assert list(everything.values_list("name_th", flat=True)) == [
        "กระบี่",
        "เชียงใหม่",
        "ตรัง",
        "บ้านใหม่",
        "แพร่",
    ]


def test_a_search_text_field_is_compared_with_contains_for_the_index():
    # document() lower-cases, so `contains` is case-insensitive there and index-friendly.
    assert condition("OTOP ผ้าทอ") == Q(search_text__contains="otop") & Q(
        search_text__contains="ผ้า"
    ) & Q(search_text__contains="ทอ")
    assert condition("otop", "producer__search_text") == Q(producer__search_text__contains="otop")
    assert condition("OTOP ผ้า", "name") == Q(name__icontains="otop") & Q(name__contains="ผ้า")
    assert condition("  ") == Q()
