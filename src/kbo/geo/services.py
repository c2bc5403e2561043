"""Loading Thailand's geography from the `geothai` package (data CC BY 4.0, credit "GeoThai")."""

from dataclasses import dataclass

import geothai
from django.db import transaction

from kbo.core import versions
from kbo.geo.models import District, Province, Region, Subdistrict

# The four regions of the national KBO contests. Province codes per region; Bangkok (10)
# is placed in Central and East explicitly (it has no CDD provincial office, but its
# producers enter the central round). The assignment is loaded once and then kept as
# data: a national administrator may move a province and reloading will not undo it.
REGIONS: list[tuple[str, str, str, list[str]]] = [
    (
        "north",
        "ภาคเหนือ",
        "North",
        [
            "50",
            "51",
            "52",
            "53",
            "54",
            "55",
            "56",
            "57",
            "58",
            "60",
            "61",
            "62",
            "63",
            "64",
            "65",
            "66",
            "67",
        ],
    ),
    ("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast", [str(code) for code in range(30, 50)]),
    (
        "central_east",
        "ภาคกลางและภาคตะวันออก",
        "Central and East",
        ["10", *[str(code) for code in range(11, 28)], *[str(code) for code in range(70, 78)]],
    ),
    (
        "south",
        "ภาคใต้",
        "South",
        ["80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"],
    ),
]


@dataclass
class GeoLoadResult:
    provinces: int
    districts: int
    subdistricts: int
    data_version: str


@transaction.atomic
def geo_load() -> GeoLoadResult:
    """Create or refresh every province, district and subdistrict (idempotent).

    Names and postal codes follow the package; region assignments already made are kept.
    """
    region_of: dict[str, Region] = {}
    for order, (code, name_th, name_en, members) in enumerate(REGIONS, start=1):
        region, _ = Region.objects.get_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "sort_order": order}
        )
        region_of.update(dict.fromkeys(members, region))

    provinces = geothai.provinces()
    Province.objects.bulk_create(
        [Province(code=p.code, name_th=p.name_th, name_en=p.name_en) for p in provinces],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name_th", "name_en"],
    )
    for province in Province.objects.filter(region__isnull=True, code__in=region_of):
        province.region = region_of[province.code]
        province.save(update_fields=["region"])
    province_id = dict(Province.objects.values_list("code", "id"))

    districts = [d for p in provinces for d in geothai.districts(p.code)]
    District.objects.bulk_create(
        [
            District(
                code=d.code,
                name_th=d.name_th,
                name_en=d.name_en,
                province_id=province_id[d.province_code],
            )
            for d in districts
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name_th", "name_en", "province"],
        batch_size=500,
    )
    district_id = dict(District.objects.values_list("code", "id"))

    subdistricts = [s for d in districts for s in geothai.subdistricts(d.code)]
    Subdistrict.objects.bulk_create(
        [
            Subdistrict(
                code=s.code,
                name_th=s.name_th,
                name_en=s.name_en,
                district_id=district_id[s.district_code],
                province_id=province_id[s.province_code],
                postal_codes=" ".join(s.postal_codes),
            )
            for s in subdistricts
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name_th", "name_en", "district", "province", "postal_codes"],
        batch_size=500,
    )
    versions.bump("geo")  # bulk writes send no model signals; bumps when this commits
    return GeoLoadResult(len(provinces), len(districts), len(subdistricts), geothai.DATA_VERSION)
