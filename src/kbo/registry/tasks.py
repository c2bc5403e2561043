"""Background exports of the registry lists: the same FilterSet as the page, re-scoped here.

The view passes the list's query parameters and the user's id; the task fetches the rows
through `for_user()` again, so an export never holds more than the person may see. Personal
data (phone, citizen ID) is written in full only where the page would show it in full.
"""

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from openpyxl import Workbook

from kbo.accounts.models import User
from kbo.core.services import job_progress
from kbo.privacy.fields import value_for
from kbo.registry.filters import ProducerFilter, ProductFilter, with_product_summary
from kbo.registry.models import Producer, Product

FORMATS = ("xlsx", "csv")

PRODUCT_COLUMNS = [
    "product_code",
    "product_name",
    "brand",
    "category",
    "stars",
    "star_year",
    "segment",
    "price",
    "unit",
    "producer_code",
    "producer_name",
    "producer_type",
    "registered_year",
    "province",
    "district",
    "subdistrict_code",
    "subdistrict",
    "village_no",
]
PRODUCER_COLUMNS = [
    "producer_code",
    "producer_name",
    "producer_type",
    "registered_year",
    "registered_quarter",
    "province",
    "district",
    "subdistrict_code",
    "subdistrict",
    "village_no",
    "contact_name",
    "phone",
    "citizen_id",
    "member_count",
    "products",
    "best_stars",
]


def query_dict(params: Iterable[list[Any]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in params:
        data.setlist(key, list(values))
    return data


def product_rows(user: User, params: QueryDict):
    queryset = Product.objects.for_user(user).select_related(
        "producer__subdistrict", "producer__district", "province"
    )
    return ProductFilter(params, queryset=queryset, user=user).qs


def producer_rows(user: User, params: QueryDict):
    queryset = with_product_summary(
        Producer.objects.for_user(user).select_related("subdistrict", "district", "province")
    )
    return ProducerFilter(params, queryset=queryset, user=user).qs


def product_values(product: Product) -> list[Any]:
    producer = product.producer
    return [
        product.code,
        product.name,
        product.brand,
        product.category,
        product.current_stars,
        product.current_star_year,
        product.current_segment,
        product.price,
        product.unit,
        producer.code,
        producer.name,
        producer.producer_type,
        producer.registered_year,
        product.province.name_th,
        producer.district.name_th,
        producer.subdistrict.code,
        producer.subdistrict.name_th,
        producer.village_no,
    ]


def producer_values(producer: Any, user: User) -> list[Any]:
    """One row; personal fields as kbo.privacy.fields lets `user` see them (as on the page)."""
    return [
        producer.code,
        producer.name,
        producer.producer_type,
        producer.registered_year,
        producer.registered_quarter,
        producer.province.name_th,
        producer.district.name_th,
        producer.subdistrict.code,
        producer.subdistrict.name_th,
        producer.village_no,
        value_for(user, producer, "contact_name"),
        value_for(user, producer, "phone"),
        value_for(user, producer, "id_number"),
        producer.member_count,
        producer.product_count,
        producer.best_stars,
    ]


def _write(fmt: str, header: list[str], rows: Iterable[list[Any]]) -> bytes:
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(["" if value is None else value for value in row] for row in rows)
        return text.getvalue().encode("utf-8-sig")  # the BOM tells Thai Excel it is UTF-8
    book = Workbook(write_only=True)
    sheet = book.create_sheet("registry")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@task()
def export_registry(
    *, job_id: str, user_id: int, what: str, params: list[list[Any]], fmt: str
) -> None:
    """Write the filtered producers or products (`what`: "producers" or "products")."""
    with job_progress(job_id) as progress:
        user = User.objects.get(pk=user_id)
        data = query_dict(params)
        values: Callable[[Any], list[Any]]
        if what == "producers":
            rows, header = producer_rows(user, data), PRODUCER_COLUMNS

            def values(row: Any) -> list[Any]:
                return producer_values(row, user)
        else:
            rows, header = product_rows(user, data), PRODUCT_COLUMNS

            def values(row: Any) -> list[Any]:
                return product_values(row)

        progress.total(rows.count())

        def written() -> Iterable[list[Any]]:
            for done, row in enumerate(rows.iterator(chunk_size=2000), start=1):
                yield values(row)
                if done % 500 == 0:
                    progress.step(done, _("%(done)s rows written") % {"done": done})

        content = _write(fmt if fmt in FORMATS else "xlsx", header, written())
        stamp = timezone.localdate().isoformat()
        progress.attach(f"{what}-{stamp}.{fmt if fmt in FORMATS else 'xlsx'}", content)
