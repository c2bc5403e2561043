"""Thai dictionary order: the SQLite collation "th", ICU on PostgreSQL, and thai_order()."""

import json

import geothai
import pytest
from django.db import connection
from pythainlp.util import collate

from kbo.geo.models import Province
from kbo.search import thai_order
from kbo.search.collation import thai_sort_key

# Dictionary order: leading vowels (เ แ โ ใ ไ) sort under the consonant that follows them.
PROVINCES = [
    "กรุงเทพมหานคร",
    "ขอนแก่น",
    "ชลบุรี",
    "เชียงใหม่",
    "ตรัง",
    "แพร่",
    "แม่ฮ่องสอน",
    "ยโสธร",
    "ลำพูน",
    "เลย",
    "อ่างทอง",
    "อุบลราชธานี",
]


def shuffled(words: list[str]) -> list[str]:
    return words[1::2][::-1] + words[::2]


def all_place_names() -> list[str]:
    names = {p.name_th for p in geothai.provinces()}
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            names.add(district.name_th)
            names.update(s.name_th for s in geothai.subdistricts(district.code))
    return sorted(names)


def test_the_key_sorts_leading_vowels_under_their_consonant():
    assert sorted(["ขนม", "เกลือ", "กล้วย"], key=thai_sort_key) == ["กล้วย", "เกลือ", "ขนม"]
    assert sorted(shuffled(PROVINCES), key=thai_sort_key) == PROVINCES


def test_the_key_agrees_with_pythainlp_collate():
    names = [p.name_th for p in geothai.provinces()]
    assert sorted(names, key=thai_sort_key) == collate(names)


def test_the_key_ignores_punctuation_and_uses_tone_marks_only_to_break_ties():
    assert sorted(["แปลงยาว", "แป-ระ", "แป้น"], key=thai_sort_key) == ["แป้น", "แป-ระ", "แปลงยาว"]
    assert sorted(["กก", "ก่"], key=thai_sort_key) == ["ก่", "กก"]


@pytest.mark.django_db
def test_thai_order_sorts_rows_in_dictionary_order():
    for code, name in enumerate(shuffled(PROVINCES), start=10):
        Province.objects.create(code=str(code), name_th=name)
    ordered = Province.objects.order_by(thai_order("name_th"))
    assert list(ordered.values_list("name_th", flat=True)) == PROVINCES
    backwards = Province.objects.order_by(thai_order("name_th").desc())
    assert list(backwards.values_list("name_th", flat=True)) == PROVINCES[::-1]


@pytest.mark.django_db
def test_the_database_in_use_sorts_thai_in_dictionary_order():
    """Each run checks its own database (CI runs the suite on both): nothing is skipped."""
    if connection.vendor == "postgresql":
        postgresql_sorts_with_icu_exactly_as_the_sqlite_key_does()
    else:
        sqlite_connections_have_the_th_collation()


def sqlite_connections_have_the_th_collation():
    assert 'COLLATE "th"' in str(Province.objects.order_by(thai_order("name_th")).query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT value FROM json_each(%s) ORDER BY value COLLATE th",
            [json.dumps(["ขนม", "เกลือ", "กล้วย"])],
        )
        assert [row[0] for row in cursor.fetchall()] == ["กล้วย", "เกลือ", "ขนม"]


def postgresql_sorts_with_icu_exactly_as_the_sqlite_key_does():
    assert 'COLLATE "th-TH-x-icu"' in str(Province.objects.order_by(thai_order("name_th")).query)
    names = all_place_names()
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT n FROM unnest(%s::text[]) AS n ORDER BY n COLLATE "th-TH-x-icu"', [names]
        )
        icu = [row[0] for row in cursor.fetchall()]
    assert icu == sorted(names, key=thai_sort_key)
