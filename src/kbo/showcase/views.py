"""The public showcase: products developed in KBO, their photos, provinces, published contest
results, news and the knowledge library's published items; no sign-in (a province-only
knowledge item asks for it). Every public row comes through `kbo.showcase.public`.

Officers of a province and national staff add and edit the province's news here too.
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kbo.contests.models import Contest
from kbo.core import files, versions
from kbo.geo.models import Province
from kbo.knowledge.models import Item, Visibility
from kbo.showcase import cached, public, services
from kbo.showcase.forms import KnowledgeFilterForm, NewsForm, ProductFilterForm
from kbo.showcase.models import News, can_write_news

PAGE_SIZE = 24
KNOWLEDGE_PAGE_SIZE = 20
LATEST = 8
PHOTO_CACHE = "public, max-age=86400"


# The public records come from `cached` (kbo.showcase.public's records, cached under the data
# versions read first, `cached.stamp()`); nothing there depends on who is asking.


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    known = cached.stamp()
    return render(
        request,
        "showcase/index.html",
        {
            "counts": cached.counts(known),
            "products": cached.latest_products(LATEST, known),
            "news": cached.news(4, known),
            "contests": cached.contests(5, known),
            "knowledge": cached.knowledge(4, known),
        },
    )


@require_GET
def products(request: HttpRequest) -> HttpResponse:
    known = cached.stamp()
    form = ProductFilterForm(request.GET or None)
    chosen = form.filters() if request.GET else {}
    page = cached.product_page(chosen, request.GET.get("page"), PAGE_SIZE, known)
    return render(
        request,
        "showcase/products.html",
        {"form": form, "page": page, "filtered": any(chosen.values())},
    )


@require_GET
def product(request: HttpRequest, code: str) -> HttpResponse:
    item, placings = cached.product(code, cached.stamp())
    return render(request, "showcase/product.html", {"product": item, "placings": placings})


@require_GET
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A photo of a showcased product (media files are not served publicly otherwise)."""
    return _stream(public.photo(pk).image)


def _stream(image) -> FileResponse:
    kind = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
    response = FileResponse(image.open("rb"), content_type=kind)
    response["Cache-Control"] = PHOTO_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def province(request: HttpRequest, code: str) -> HttpResponse:
    known = cached.stamp()
    place = get_object_or_404(Province, code=code)
    return render(
        request,
        "showcase/province.html",
        {
            "province": place,
            "page": cached.province_products(place, request.GET.get("page"), PAGE_SIZE, known),
            "news": cached.news(6, known, place),
            "contests": cached.contests(20, known, place),
        },
    )


@require_GET
def contests(request: HttpRequest) -> HttpResponse:
    page = cached.contest_page(request.GET.get("page"), PAGE_SIZE, cached.stamp())
    return render(request, "showcase/contests.html", {"page": page})


@require_GET
def contest(request: HttpRequest, pk: int) -> HttpResponse:
    found, panels = cached.contest(pk, cached.stamp())
    return render(request, "showcase/contest.html", {"contest": found, "panels": panels})


# News ------------------------------------------------------------------------------------


@require_GET
def news_list(request: HttpRequest) -> HttpResponse:
    page = cached.news_page(request.GET.get("page"), PAGE_SIZE, cached.stamp())
    return render(
        request,
        "showcase/news_list.html",
        {"page": page, "can_write": request.user.is_authenticated and can_write_news(request.user)},
    )


def _news_seen_by(request: HttpRequest, pk: int) -> tuple[News, bool]:
    """A published item for everybody; a draft only for those who manage it (a preview)."""
    item = get_object_or_404(News.objects.select_related("province"), pk=pk)
    manager = (
        request.user.is_authenticated
        and News.objects.for_user(request.user).filter(pk=item.pk).exists()
    )
    if item.status != News.Status.PUBLISHED and not manager:
        raise Http404
    return item, manager


@require_GET
def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item, manager = _news_seen_by(request, pk)
    return render(
        request,
        "showcase/news_detail.html",
        {
            "news": public.public_news(item),
            "draft": item.status != News.Status.PUBLISHED,
            "manager": manager,
        },
    )


@require_GET
def news_photo(request: HttpRequest, pk: int) -> FileResponse:
    item, _manager = _news_seen_by(request, pk)
    if not item.photo:
        raise Http404
    return _stream(item.photo)


def _news_form(request: HttpRequest, item: News | None) -> HttpResponse:
    form = NewsForm(request.POST or None, request.FILES or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = services.news_save(by=request.user, news=form.save(commit=False))
        messages.success(request, _("The news item was saved."))
        return redirect("showcase:news_detail", pk=saved.pk)
    heading = _("Edit news") if item else _("Add news")
    return render(request, "showcase/news_form.html", {"form": form, "heading": heading})


@login_required
def news_add(request: HttpRequest) -> HttpResponse:
    if not can_write_news(request.user):
        raise PermissionDenied
    return _news_form(request, None)


@login_required
def news_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(News.objects.for_user(request.user), pk=pk)
    return _news_form(request, item)


# Knowledge -------------------------------------------------------------------------------
# Who reads an item depends on who asks (kbo.knowledge.models), so nothing here is cached.


@require_GET
def knowledge(request: HttpRequest) -> HttpResponse:
    form = KnowledgeFilterForm(request.GET or None)
    chosen = form.filters() if request.GET else {}
    items = public.knowledge_for(request.user, **chosen)
    page = Paginator(public.with_knowledge_cards(items), KNOWLEDGE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    records: list = [public.public_knowledge(item) for item in page.object_list]
    page.object_list = records  # the page's public records
    return render(
        request,
        "showcase/knowledge.html",
        {"form": form, "page": page, "filtered": any(chosen.values())},
    )


@require_GET
def knowledge_item(request: HttpRequest, pk: int) -> HttpResponse:
    """A readable item; a province-only item asks an anonymous visitor to sign in, and is not
    there (404) for anyone else who may not read it; a draft is never here."""
    found = public.knowledge_item(request.user, pk)
    if found is None:
        hidden = Item.objects.filter(pk=pk, visibility=Visibility.PROVINCE).exists()
        if hidden and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return render(
        request,
        "showcase/knowledge_item.html",
        {"item": public.public_knowledge(found, details=True)},
    )


@require_GET
def knowledge_file(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment of an item readable here: images inline, other files to save."""
    attachment = public.knowledge_file(request.user, pk)
    return files.serve(attachment.file, inline=attachment.is_image)


# Sitemap ---------------------------------------------------------------------------------

SITEMAP_LIMIT = 50_000  # the sitemap protocol's limit for one file


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    paths = versions.cached(("show-sitemap",), _sitemap_paths, depends=cached.ALL)
    return render(
        request,
        "showcase/sitemap.xml",
        {"urls": [request.build_absolute_uri(u) for u in paths]},
        content_type="application/xml; charset=utf-8",
    )


def _sitemap_paths() -> list[str]:
    urls = [
        reverse("showcase:index"),
        reverse("showcase:products"),
        reverse("showcase:contests"),
        reverse("showcase:news"),
        reverse("showcase:knowledge"),
        reverse("open_data:index"),
    ]
    showcased = public.showcased_products()
    provinces = (
        Province.objects.filter(pk__in=showcased.values("province"))
        .order_by("code")
        .values_list("code", flat=True)
    )
    urls += [reverse("showcase:province", args=[code]) for code in provinces]
    contest_ids = Contest.objects.filter(status=Contest.Status.PUBLISHED).order_by("pk")
    urls += [
        reverse("showcase:contest", args=[pk]) for pk in contest_ids.values_list("pk", flat=True)
    ]
    news_ids = (
        News.objects.published().order_by("-published_on", "-pk").values_list("pk", flat=True)
    )
    urls += [reverse("showcase:news_detail", args=[pk]) for pk in news_ids[:5_000]]
    knowledge_ids = (
        Item.objects.public().order_by("-published_at", "-pk").values_list("pk", flat=True)
    )
    urls += [reverse("showcase:knowledge_item", args=[pk]) for pk in knowledge_ids[:5_000]]
    room = max(SITEMAP_LIMIT - len(urls), 0)
    codes = showcased.order_by("code").values_list("code", flat=True)[:room]
    urls += [reverse("showcase:product", args=[code]) for code in codes]
    return urls
