"""Registry pages: producer and product lists, forms, and the product passport.

Every record is fetched through `for_user()` (another province's record is a 404); changes
go through `registry.services` (which check the right to change, 403 otherwise).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core import thai
from kbo.core.locking import StaleEdit, show_stale
from kbo.core.paging import CappedPaginator, search_page
from kbo.core.services import job_start
from kbo.geo.models import Subdistrict
from kbo.privacy import fields as privacy_fields
from kbo.privacy import services as privacy
from kbo.registry import services
from kbo.registry.filters import (
    ProducerFilter,
    ProductFilter,
    RegistryFilter,
    with_product_summary,
)
from kbo.registry.forms import (
    CertificateForm,
    ProducerForm,
    ProductForm,
    SaleForm,
    SegmentForm,
    StarRatingForm,
)
from kbo.registry.models import Producer, Product, SalesChannel
from kbo.registry.tasks import FORMATS, export_registry

PAGE_SIZE = 50
ANY_ROLE = tuple(Role.values)
# Sortable columns and the direction of a first click.
SORTABLE = {"name": "name", "code": "code", "stars": "-stars", "year": "-year"}


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# Lists ---------------------------------------------------------------------------------


def _sort_links(request: HttpRequest, current: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the address that sorts by it (or reverses it) and an arrow."""
    links = {}
    for key, first in SORTABLE.items():
        if current == key:
            wanted, arrow = f"-{key}", "▲"
        elif current == f"-{key}":
            wanted, arrow = key, "▼"
        else:
            wanted, arrow = first, ""
        params = request.GET.copy()
        params.pop("page", None)
        params["sort"] = wanted
        links[key] = {"url": f"?{params.urlencode()}", "arrow": arrow}
    return links


def _export(request: HtmxHttpRequest, what: str, fmt: str) -> HttpResponse:
    params = [[k, v] for k, v in request.GET.lists() if k not in ("export", "page")]
    titles = {"products": _("Registry products"), "producers": _("Registry producers")}
    job = job_start(
        user=request.user,
        kind="registry.export",
        title=f"{titles[what]} ({fmt.upper()})",
        task=export_registry,
        user_id=request.user.pk,
        what=what,
        params=params,
        fmt=fmt,
    )
    if what == "producers":  # personal columns: in clear where the page would show them
        personal = privacy_fields.clear_somewhere(request.user, "registry.producer")
        privacy.log_access(request, fields=personal, kind="EXPORT", model="registry.producer")
    url = reverse("core:job", args=[job.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _list(
    request: HtmxHttpRequest, *, what: str, queryset, filter_class: type[RegistryFilter]
) -> HttpResponse:
    fmt = request.GET.get("export", "")
    if fmt in FORMATS:
        return _export(request, what, fmt)
    found = filter_class(request.GET, queryset=queryset, user=request.user)
    text = found.form.cleaned_data.get("q") if found.is_valid() else ""
    if text and not found.current_sort:
        page = search_page(found.qs, request.GET.get("page"), text=text, per_page=PAGE_SIZE)
    else:
        page = CappedPaginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = f"registry/_{what[:-1]}_table.html" if request.htmx else f"registry/{what}.html"
    return render(
        request,
        template,
        {
            "filter": found,
            "page": page,
            "sort_links": _sort_links(request, found.current_sort),
            "can_add": access.has_role(request.user, Role.OFFICER),
        },
    )


@login_required
@access.require_role(*ANY_ROLE)
def products(request: HtmxHttpRequest) -> HttpResponse:
    queryset = Product.objects.for_user(request.user).select_related(
        "producer__district", "province"
    )
    return _list(request, what="products", queryset=queryset, filter_class=ProductFilter)


@login_required
@access.require_role(*ANY_ROLE)
def producers(request: HtmxHttpRequest) -> HttpResponse:
    queryset = with_product_summary(
        Producer.objects.for_user(request.user).select_related("district", "province")
    )
    return _list(request, what="producers", queryset=queryset, filter_class=ProducerFilter)


# Producers ---------------------------------------------------------------------------


def _producer_for_change(request: HttpRequest, pk: int) -> Producer:
    producer = get_object_or_404(Producer.objects.for_user(request.user), pk=pk)
    if not access.can_manage_province(request.user, producer.province_id):
        raise PermissionDenied
    return producer


@login_required
def producer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    producer = get_object_or_404(
        Producer.objects.for_user(request.user).select_related(
            "subdistrict", "district", "province"
        ),
        pk=pk,
    )
    # The template masks personal fields with {% personal %}; reads in clear are logged.
    clear = privacy_fields.clear_fields(request.user, producer)
    privacy.log_access(request, fields=clear, obj=producer)
    return render(
        request,
        "registry/producer_detail.html",
        {
            "producer": producer,
            "products": producer.products.order_by("code"),
            "personal": "id_number" in clear,
            "can_edit": access.can_manage_province(request.user, producer.province_id),
            "privacy_page": privacy.may_request(request.user, producer),
        },
    )


def _producer_form(request: HttpRequest, producer: Producer | None) -> HttpResponse:
    form = ProducerForm(request.POST or None, instance=producer, by=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.producer_save(
                by=request.user,
                producer=form.save(commit=False),
                version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            show_stale(form, stale)
            return render(
                request,
                "registry/producer_form.html",
                {"form": form, "producer": producer},
                status=409,
            )
        messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
        return redirect("registry:producer", pk=saved.pk)
    return render(request, "registry/producer_form.html", {"form": form, "producer": producer})


@login_required
@access.require_role(Role.OFFICER)
def producer_add(request: HttpRequest) -> HttpResponse:
    return _producer_form(request, None)


@login_required
def producer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _producer_form(request, _producer_for_change(request, pk))


@login_required
@access.require_role(Role.OFFICER)
def subdistrict_options(request: HttpRequest) -> HttpResponse:
    """`<option>`s for the subdistrict search-select (the user's provinces only)."""
    text = (request.GET.get("subdistrict") or request.GET.get("q") or "").strip()
    options = Subdistrict.objects.none()
    if text:
        options = Subdistrict.objects.filter(
            Q(name_th__icontains=text) | Q(name_en__icontains=text) | Q(code__startswith=text)
        ).select_related("district", "province")
        if not access.is_national(request.user):
            options = options.filter(
                province__in=access.province_ids(request.user, roles=[Role.OFFICER])
            )
    return render(request, "registry/_subdistrict_options.html", {"options": options[:20]})


# Products ----------------------------------------------------------------------------


def _product_for_change(request: HttpRequest, pk: int) -> Product:
    product = get_object_or_404(Product.objects.for_user(request.user), pk=pk)
    if not access.can_manage_province(request.user, product.province_id):
        raise PermissionDenied
    return product


def _product_form(request: HttpRequest, product: Product) -> HttpResponse:
    form = ProductForm(request.POST or None, request.FILES or None, instance=product)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.product_save(
                by=request.user,
                product=form.save(commit=False),
                version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            show_stale(form, stale)
            return render(
                request,
                "registry/product_form.html",
                {"form": form, "product": product, "producer": product.producer},
                status=409,
            )
        if form.cleaned_data.get("photo"):
            services.product_photo_add(
                by=request.user,
                product=saved,
                image=form.cleaned_data["photo"],
                caption=form.cleaned_data.get("photo_caption", ""),
            )
        messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
        return redirect("registry:product", pk=saved.pk)
    return render(
        request,
        "registry/product_form.html",
        {"form": form, "product": product, "producer": product.producer},
    )


@login_required
def product_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A new product of the producer `pk`."""
    producer = _producer_for_change(request, pk)
    return _product_form(request, Product(producer=producer, province_id=producer.province_id))


@login_required
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _product_form(request, _product_for_change(request, pk))


# The product passport ------------------------------------------------------------------


def bar_chart(points: Sequence[tuple[str, Decimal | int, str]], maximum: Decimal | int = 0) -> dict:
    """Geometry of a small SVG bar chart: (label, value, value shown) per bar, in order."""
    height, top, bottom, bar, gap = 180, 22, 24, 44, 18
    plot = height - top - bottom
    peak = max([maximum, *(value for _label, value, _text in points)]) or 1
    bars = []
    for index, (label, value, text) in enumerate(points):
        size = round(plot * float(value) / float(peak))
        x = gap + index * (bar + gap)
        y = top + plot - size
        bars.append(
            {
                "x": x,
                "y": y,
                "width": bar,
                "height": size,
                "middle": x + bar // 2,
                "label": label,
                "text": text,
                "text_y": y - 6,
            }
        )
    return {
        "width": max(gap + len(points) * (bar + gap), 120),
        "height": height,
        "baseline": top + plot,
        "label_y": height - 6,
        "bars": bars,
    }


def _stars(product: Product) -> dict[str, Any]:
    ratings = list(product.star_ratings.select_related("round").order_by("round__year"))
    points = [(thai.digits(str(r.round.year)), r.stars, "★" * r.stars) for r in ratings]
    return {"ratings": ratings[::-1], "chart": bar_chart(points, maximum=5) if ratings else None}


def _segments(product: Product) -> dict[str, Any]:
    return {"segments": list(product.segments.order_by("year"))}


def _certificates(product: Product) -> dict[str, Any]:
    certificates = list(product.certificates.all())
    return {
        "certificates": certificates,
        "warnings": sum(1 for c in certificates if c.is_expired or c.expires_soon),
    }


def _sales(product: Product) -> dict[str, Any]:
    sales = list(product.sales.order_by("-fiscal_year", "channel"))
    years: dict[int, Decimal] = {}
    totals = {s.fiscal_year: s.amount for s in sales if s.channel == SalesChannel.TOTAL}
    for sale in sales:
        if sale.fiscal_year not in totals:
            years[sale.fiscal_year] = years.get(sale.fiscal_year, Decimal(0)) + sale.amount
    years.update(totals)
    points = [
        (thai.digits(str(year)), amount, thai.format_number(amount))
        for year, amount in sorted(years.items())
    ]
    return {
        "product_id": product.pk,
        "sales": sales,
        "years": sorted(years.items(), reverse=True),
        "chart": bar_chart(points) if points else None,
    }


def _development(product: Product) -> dict[str, Any]:
    # programmes sits above registry: imported here, when the passport is shown.
    from kbo.programmes.plans import product_development

    return {"decisions": product_development(product)}


def _knowledge(product: Product, user: Any) -> dict[str, Any]:
    """The product's case studies and the knowledge related to its development, as far as the
    reader may read them; for editors, whether a case study can be drafted (a fixed number
    of queries, whatever the number of needs and items)."""
    # knowledge sits above registry (and programmes): imported here, when the passport is shown.
    from kbo.knowledge import related
    from kbo.knowledge.models import NOT_IN_LISTS, Item, Kind, can_edit_item
    from kbo.programmes.models import Decision, Need, PlanItem

    selected = Decision.objects.filter(product=product, status=Decision.Status.SELECTED)
    # The areas of its needs (the most pressing first) and of its plan items, in one query.
    named = (
        Need.objects.filter(decision__in=selected)
        .order_by()
        .values_list("area", "priority")
        .union(
            PlanItem.objects.filter(decision__in=selected)
            .order_by()
            .annotate(rank=Value(99))
            .values_list("area", "rank")
        )
    )
    areas = list(dict.fromkeys(area for area, _rank in sorted(named, key=lambda r: (r[1], r[0]))))
    case_studies = list(
        Item.objects.for_user(user)
        .filter(product=product)
        .defer(*NOT_IN_LISTS)
        .order_by("-published_at", "-pk")
    )
    can_draft = can_edit_item(user, product.province_id)
    return {
        "product_id": product.pk,
        "case_studies": case_studies,
        "related": related.for_product(user, product, areas=areas),
        "can_draft": can_draft,
        "case_study": next((i for i in case_studies if i.kind == Kind.CASE_STUDY), None),
        "selected": can_draft and selected.exists(),
    }


@dataclass(frozen=True)
class PassportSection:
    """One part of the passport: its template reads `data` (from `load`, a fixed number of
    queries) and, for officers, `form` posts to `add_url` (a URL name taking the product).
    A section whose content depends on who reads it sets `per_reader`: its `load` gets the
    product and the reader."""

    key: str
    title: str | Promise
    template: str
    load: Callable[..., dict[str, Any]]
    form_class: type | None = None
    add_url: str = ""
    multipart: bool = False
    per_reader: bool = False


# Later issues add programmes, plans, trainings and contests here (and their templates).
PASSPORT_SECTIONS: list[PassportSection] = [
    PassportSection(
        "stars",
        gettext_lazy("Stars over the selection rounds"),
        "registry/passport/_stars.html",
        _stars,
        StarRatingForm,
        "registry:product_stars_add",
    ),
    PassportSection(
        "segments",
        gettext_lazy("Segment over the years"),
        "registry/passport/_segments.html",
        _segments,
        SegmentForm,
        "registry:product_segment_add",
    ),
    PassportSection(
        "certificates",
        gettext_lazy("Standards and certificates"),
        "registry/passport/_certificates.html",
        _certificates,
        CertificateForm,
        "registry:product_certificate_add",
        multipart=True,
    ),
    PassportSection(
        "sales",
        gettext_lazy("Sales by fiscal year"),
        "registry/passport/_sales.html",
        _sales,
        SaleForm,
        "registry:product_sale_add",
    ),
    PassportSection(
        "development",
        gettext_lazy("Development in KBO projects"),
        "registry/passport/_development.html",
        _development,
    ),
    PassportSection(
        "knowledge",
        gettext_lazy("Knowledge for this product"),
        "registry/passport/_knowledge.html",
        _knowledge,
        per_reader=True,
    ),
]


@login_required
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The product passport: the product's whole life on one page."""
    product = get_object_or_404(
        Product.objects.for_user(request.user).select_related(
            "producer__subdistrict", "producer__district", "province", "subcategory"
        ),
        pk=pk,
    )
    can_edit = access.can_manage_province(request.user, product.province_id)
    shown = privacy_fields.clear_fields(request.user, product.producer, ["contact_name", "phone"])
    privacy.log_access(request, fields=shown, obj=product.producer)
    sections = [
        {
            "key": section.key,
            "title": section.title,
            "template": section.template,
            "data": section.load(product, request.user)
            if section.per_reader
            else section.load(product),
            "form": section.form_class(prefix=section.key)
            if can_edit and section.form_class
            else None,
            "add_url": reverse(section.add_url, args=[product.pk]) if section.add_url else "",
            "multipart": section.multipart,
        }
        for section in PASSPORT_SECTIONS
    ]
    return render(
        request,
        "registry/product_passport.html",
        {
            "product": product,
            "producer": product.producer,
            "photos": list(product.photos.all()),
            "channels": [
                SalesChannel(c).label for c in product.sales_channels if c in SalesChannel
            ],
            "shop_links": product.shop_links.split(),
            "sections": sections,
            "can_edit": can_edit,
        },
    )


def _passport_add(
    request: HttpRequest, pk: int, key: str, record: Callable[[Product, Any], object]
) -> HttpResponse:
    """Add one history entry through the section's form; errors show on a page of its own."""
    product = _product_for_change(request, pk)
    section = next(s for s in PASSPORT_SECTIONS if s.key == key)
    assert section.form_class is not None
    form = section.form_class(request.POST or None, request.FILES or None, prefix=key)
    if request.method == "POST" and form.is_valid():
        record(product, form)
        messages.success(request, _("The entry was added to the passport."))
        return redirect(f"{reverse('registry:product', args=[product.pk])}#{key}")
    return render(
        request,
        "registry/passport_form.html",
        {"product": product, "section": section, "form": form},
    )


@login_required
def product_stars_add(request: HttpRequest, pk: int) -> HttpResponse:
    def record(product: Product, form: Any) -> object:
        data = form.cleaned_data
        return services.star_rating_record(
            by=request.user,
            product=product,
            round_year=data["round_year"],
            stars=data["stars"],
            score=data["score"],
            score_strength=data["score_strength"],
            score_marketing=data["score_marketing"],
            score_quality=data["score_quality"],
        )

    return _passport_add(request, pk, "stars", record)


@login_required
def product_segment_add(request: HttpRequest, pk: int) -> HttpResponse:
    def record(product: Product, form: Any) -> object:
        data = form.cleaned_data
        return services.segment_record(
            by=request.user,
            product=product,
            year=data["year"],
            segment=data["segment"],
            note=data["note"],
        )

    return _passport_add(request, pk, "segments", record)


@login_required
def product_certificate_add(request: HttpRequest, pk: int) -> HttpResponse:
    def record(product: Product, form: Any) -> object:
        return services.certificate_add(
            by=request.user, product=product, certificate=form.save(commit=False)
        )

    return _passport_add(request, pk, "certificates", record)


@login_required
def product_sale_add(request: HttpRequest, pk: int) -> HttpResponse:
    def record(product: Product, form: Any) -> object:
        data = form.cleaned_data
        return services.sale_record(
            by=request.user,
            product=product,
            fiscal_year=data["fiscal_year"],
            amount=data["amount"],
            channel=data["channel"],
            units=data["units"],
        )

    return _passport_add(request, pk, "sales", record)
