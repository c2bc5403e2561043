"""Open data: the public rows of `kbo.showcase.public` as CSV (UTF-8 with a BOM, so Excel
reads Thai) and JSON, streamed in chunks so a national-scale set never sits in memory.

Licence: CC BY 4.0; geography (province and district codes and names) from GeoThai.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kbo.core import versions
from kbo.showcase import cached, public

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
SOURCE = (
    "KBO Platform, Community Development Department (กรมการพัฒนาชุมชน); "
    "geography: GeoThai (CC BY 4.0)"
)
CHUNK = 1_000
Row = dict[str, Any]


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Any  # a lazy translation
    description: Any
    fields: list[str]
    count: Callable[[], int]
    rows: Callable[[HttpRequest], Iterator[Row]]


def _certificate(c: public.PublicCertificate) -> str:
    """`MOPHOCHO มผช. 9/2565 until 2030-01-01` (kind, number, expiry)."""
    until = f"until {c.expires_on.isoformat()}" if c.expires_on else ""
    return " ".join(part for part in (c.kind, c.number, until) if part)


def _product_rows(request: HttpRequest) -> Iterator[Row]:
    products = public.with_details(public.showcased_products()).order_by("code")
    for item in products.iterator(chunk_size=CHUNK):
        p = public.public_product(item)
        yield {
            "code": p.code,
            "name": p.name,
            "brand": p.brand,
            "category": p.category,
            "subcategory": p.subcategory,
            "description": p.description,
            "story": p.story,
            "price": p.price,
            "unit": p.unit,
            "capacity": p.capacity,
            "sales_channels": "; ".join(p.sales_channels),
            "shop_links": " ".join(p.shop_links),
            "stars": p.stars,
            "star_year": p.star_year,
            "segment": p.segment,
            "province_code": p.province_code,
            "province": p.province,
            "district_code": p.producer.district_code,
            "district": p.producer.district,
            "producer": p.producer.name,
            "producer_type": p.producer.producer_type,
            "certificates": "; ".join(_certificate(c) for c in p.certificates),
            "kbo_years": " ".join(str(y) for y in p.years),
            "url": request.build_absolute_uri(reverse("showcase:product", args=[p.code])),
        }


RESULTS_CHUNK = 100


def _result_rows(request: HttpRequest) -> Iterator[Row]:
    contests = list(public.published_contests())
    for start in range(0, len(contests), RESULTS_CHUNK):  # results of 100 contests at once
        chunk = contests[start : start + RESULTS_CHUNK]
        yield from _chunk_result_rows(chunk, public.contests_results(chunk))


def _chunk_result_rows(contests: list, ranked: dict) -> Iterator[Row]:
    for contest in contests:
        shown = public.public_contest(contest)
        for panel in ranked[contest.pk]:
            for row in panel.rows:
                yield {
                    "contest_id": shown.pk,
                    "contest": shown.name,
                    "fiscal_year": shown.fiscal_year,
                    "level": contest.level,
                    "contest_province": shown.province,
                    "panel": panel.name,
                    "rank": row.rank,
                    "tier": row.tier,
                    "entry_number": row.number,
                    "title": row.title,
                    "product_code": row.product_code,
                    "product": row.product_name,
                    "province": row.province,
                    "score": row.score,
                }


def _news_rows(request: HttpRequest) -> Iterator[Row]:
    for item in public.published_news().order_by("-published_on", "-pk").iterator(CHUNK):
        shown = public.public_news(item)
        yield {
            "id": shown.pk,
            "published_on": shown.published_on,
            "province_code": shown.province_code,
            "province": shown.province,
            "title": shown.title,
            "body": "\n\n".join(shown.paragraphs),
            "url": request.build_absolute_uri(reverse("showcase:news_detail", args=[shown.pk])),
        }


DATASETS = {
    d.name: d
    for d in [
        Dataset(
            "products",
            _("Products developed by the KBO networks"),
            _(
                "OTOP products developed in a provincial KBO project: what they are, their "
                "stars, certificates, where to buy them, the province and district of their "
                "producer and the fiscal years (BE) of their development."
            ),
            [
                "code",
                "name",
                "brand",
                "category",
                "subcategory",
                "description",
                "story",
                "price",
                "unit",
                "capacity",
                "sales_channels",
                "shop_links",
                "stars",
                "star_year",
                "segment",
                "province_code",
                "province",
                "district_code",
                "district",
                "producer",
                "producer_type",
                "certificates",
                "kbo_years",
                "url",
            ],
            lambda: public.showcased_products().order_by().count(),
            _product_rows,
        ),
        Dataset(
            "contest-results",
            _("Published contest results"),
            _(
                "The ranked entries of every contest whose results were published: rank, "
                "award tier, entry, product, province and total score."
            ),
            [
                "contest_id",
                "contest",
                "fiscal_year",
                "level",
                "contest_province",
                "panel",
                "rank",
                "tier",
                "entry_number",
                "title",
                "product_code",
                "product",
                "province",
                "score",
            ],
            public.result_count,
            _result_rows,
        ),
        Dataset(
            "news",
            _("News of the KBO networks"),
            _("Published news of the provincial KBO networks and national staff."),
            ["id", "published_on", "province_code", "province", "title", "body", "url"],
            lambda: public.published_news().order_by().count(),
            _news_rows,
        ),
    ]
}


def _counts() -> list[int]:
    return [d.count() for d in DATASETS.values()]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    # The counts are cached under the data versions (the files themselves stream live).
    counts = versions.cached(("open-data-counts",), _counts, depends=cached.ALL)
    sets = list(zip(DATASETS.values(), counts, strict=True))
    return render(
        request, "showcase/open_data.html", {"datasets": sets, "licence": LICENCE, "source": SOURCE}
    )


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _csv(dataset: Dataset, rows: Iterable[Row]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=dataset.fields)
    buffer.write("\ufeff")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow({k: "" if v is None else _plain(v) for k, v in row.items()})
        if n % CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _json(dataset: Dataset, rows: Iterable[Row]) -> Iterator[bytes]:
    head = {
        "dataset": dataset.name,
        "licence": LICENCE,
        "source": SOURCE,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    yield opening.encode("utf-8")
    for n, row in enumerate(rows):
        text = json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False)
        yield (("," if n else "") + text).encode("utf-8")
    yield b"]}"


@require_GET
def dataset(request: HttpRequest, name: str, fmt: str) -> StreamingHttpResponse:
    found = DATASETS.get(name)
    if found is None or fmt not in ("csv", "json"):
        raise Http404
    rows = found.rows(request)
    if fmt == "csv":
        response = StreamingHttpResponse(_csv(found, rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            _json(found, rows), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'inline; filename="kbo-{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
