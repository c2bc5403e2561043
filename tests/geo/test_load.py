from io import StringIO

import pytest
from django.core.management import call_command

from kbo.geo.models import District, Province, Region, Subdistrict
from kbo.geo.services import geo_load


@pytest.fixture
def thailand(db):
    return geo_load()


def test_it_loads_every_area_of_thailand(thailand):
    assert (Province.objects.count(), District.objects.count(), Subdistrict.objects.count()) == (
        77,
        928,
        7436,
    )
    assert Subdistrict.objects.get(code="580301").district.code == "5803"


def test_the_contest_regions_have_the_official_sizes(thailand):
    sizes = {r.code: r.provinces.count() for r in Region.objects.all()}
    assert sizes == {"north": 17, "northeast": 20, "central_east": 26, "south": 14}
    assert Province.objects.get(code="10").region.code == "central_east"  # Bangkok, explicitly
    assert Province.objects.get(code="58").region.code == "north"
    assert Province.objects.get(code="49").region.code == "northeast"


def test_loading_again_changes_nothing_and_keeps_edited_regions(thailand):
    mukdahan = Province.objects.get(code="49")
    mukdahan.region = Region.objects.get(code="north")
    mukdahan.save()
    call_command("load_geo", stdout=StringIO())
    assert Subdistrict.objects.count() == 7436
    assert Province.objects.get(code="49").region.code == "north"


def test_search_finds_areas_by_thai_or_english_name(client, thailand):
    html = client.get("/geo/", {"q": "ปาย"}).content.decode()
    assert "ปาย" in html and "5803" in html
    fragment = client.get("/geo/", {"q": "Pai"}, headers={"HX-Request": "true"}).content.decode()
    assert "ปาย" in fragment and "<html" not in fragment


def test_search_by_postal_code_finds_subdistricts(client, thailand):
    html = client.get("/geo/", {"q": "58130"}).content.decode()
    assert "เวียงใต้" in html


def test_a_change_to_a_province_is_attributed_and_shown_in_its_history(client_for, people, geo):
    from auditlog.models import LogEntry

    client = client_for("national")
    province = geo["58"]
    response = client.post(
        f"/admin/geo/province/{province.pk}/change/",
        {"name_th": "แม่ฮ่องสอน", "name_en": "Mae Hong Son Province", "code": "58", "region": ""},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(province).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people["national"]
    assert entry.changes_dict["name_en"] == ["Mae Hong Son", "Mae Hong Son Province"]
    html = client.get(f"/accounts/history/geo.province/{province.pk}/").content.decode()
    assert "Mae Hong Son Province" in html and "national" in html
