"""Background tasks of the geography app."""

import io

from django.utils.translation import gettext as _
from django_tasks import task
from openpyxl import Workbook

from kbo.core.services import job_progress
from kbo.geo.models import Subdistrict

EXPORT_COLUMNS = [
    "province_code",
    "province_th",
    "province_en",
    "region",
    "district_code",
    "district_th",
    "district_en",
    "subdistrict_code",
    "subdistrict_th",
    "subdistrict_en",
    "postal_codes",
]


@task()
def export_geography(*, job_id: str, province_code: str = "") -> None:
    """Write every subdistrict (of one province, or all) with its parents to an XLSX file."""
    with job_progress(job_id) as progress:
        rows = Subdistrict.objects.select_related("district", "province__region").order_by("code")
        if province_code:
            rows = rows.filter(province__code=province_code)
        progress.total(rows.count())
        book = Workbook(write_only=True)
        sheet = book.create_sheet("geography")
        sheet.append(EXPORT_COLUMNS)
        for done, s in enumerate(rows.iterator(chunk_size=1000), start=1):
            region = s.province.region
            sheet.append(
                [
                    s.province.code,
                    s.province.name_th,
                    s.province.name_en,
                    region.name_th if region else "",
                    s.district.code,
                    s.district.name_th,
                    s.district.name_en,
                    s.code,
                    s.name_th,
                    s.name_en,
                    s.postal_codes,
                ]
            )
            if done % 250 == 0:
                progress.step(done, _("%(done)s subdistricts written") % {"done": done})
        notice = book.create_sheet("source")
        notice.append(["Data: GeoThai (geothai package), CC BY 4.0"])
        buffer = io.BytesIO()
        book.save(buffer)
        progress.attach(f"geography-{province_code or 'all'}.xlsx", buffer.getvalue())
