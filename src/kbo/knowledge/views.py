"""The knowledge library's pages: the list with its Thai search, an item, its editor, its
files and its history. Every item is read through `Item.objects.for_user` (an item the user
may not read answers 404); changes go through kbo.knowledge.services, and a readable item the
user may not change answers 403. A committee member writes drafts, which their province's
officers publish."""

import difflib
from collections.abc import Sequence
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kbo.core import files
from kbo.core.forms import show_errors
from kbo.core.locking import StaleEdit, show_stale
from kbo.core.paging import KeysFirst
from kbo.knowledge import rich, services
from kbo.knowledge.forms import AttachmentForm, FilterForm, ItemForm, PublishForm
from kbo.knowledge.models import (
    Attachment,
    Item,
    ItemVersion,
    Kind,
    Visibility,
    can_change_item,
    can_edit_item,
    can_write_items,
)
from kbo.privacy.models import Purpose
from kbo.privacy.services import consent_is_given
from kbo.registry.models import Product
from kbo.trainings.models import Session

PAGE_SIZE = 20


def _readable(request: HttpRequest, pk: int, items=None) -> Item:
    found = items if items is not None else Item.objects.for_user(request.user)
    return get_object_or_404(found, pk=pk)


def _editable(request: HttpRequest, pk: int) -> Item:
    """The item if the user may change it: 404 if it is not there for them, else 403."""
    item = _readable(request, pk)
    if not can_change_item(request.user, item):
        raise PermissionDenied
    return item


def _publishable(request: HttpRequest, pk: int) -> Item:
    """The item if the user may publish it (its editors): 404 if it is not there, else 403."""
    item = _readable(request, pk)
    if not can_edit_item(request.user, item.province_id):
        raise PermissionDenied
    return item


# The list ------------------------------------------------------------------------------


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The items the user may read: a query ranks them (title words first), else the newest
    first; filters by kind, expertise area, product category, province and visibility."""
    editor = can_write_items(request.user)
    form = FilterForm(request.GET or None, editor=editor)
    chosen = form.filters() if request.GET else {}
    found = Item.objects.for_user(request.user)
    if chosen.get("kind"):
        found = found.filter(kind=chosen["kind"])
    if chosen.get("area"):
        found = found.in_area(chosen["area"].code)
    if chosen.get("category"):
        found = found.for_category(chosen["category"])
    if chosen.get("province"):
        found = found.filter(province=chosen["province"])
    if chosen.get("visibility"):
        found = found.filter(visibility=chosen["visibility"])
    text = " ".join((chosen.get("q") or "").split())
    found = found.search(text) if text else found.order_by("-updated_at", "-pk")
    found = found.select_related("province").prefetch_related("areas", "categories")
    # A search scores every item: read the ranked keys once, then the page's rows.
    rows = cast(Sequence, KeysFirst(found)) if text else found
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "knowledge/_items_table.html" if getattr(request, "htmx", False) else "knowledge/index.html"
    )
    return render(
        request,
        template,
        {"form": form, "page": page, "query": text, "can_add": editor},
    )


# An item -------------------------------------------------------------------------------


def _detail(
    request: HttpRequest,
    item: Item,
    *,
    attachment_form: AttachmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    can_edit = can_change_item(user, item)
    product_readable = bool(
        item.product_id and Product.objects.for_user(user).filter(pk=item.product_id).exists()
    )
    can_publish = can_edit_item(user, item.province_id)
    # A case study goes public only with its producer's consent: its editors see whether
    # it is recorded, and where to record it.
    consent = None
    if can_publish and item.kind == Kind.CASE_STUDY and item.product is not None:
        producer_id = item.product.producer_id
        consent = {
            "given": consent_is_given(producer_id, Purpose.CASE_STUDY),
            "producer_id": producer_id,
        }
    return render(
        request,
        "knowledge/item.html",
        {
            "item": item,
            "can_edit": can_edit,
            "can_publish": can_publish,
            "case_study_consent": consent,
            "product_readable": product_readable,
            "attachment_form": attachment_form or (AttachmentForm() if can_edit else None),
            "visibilities": [(v, label) for v, label in Visibility.choices if v != "DRAFT"],
        },
        status=status,
    )


def _item_for_page(request: HttpRequest, pk: int) -> Item:
    sessions = Session.objects.for_user(request.user).select_related("training")
    return _readable(
        request,
        pk,
        Item.objects.for_user(request.user)
        .select_related("province", "product", "updated_by")
        .prefetch_related(
            "areas",
            "categories",
            "provinces",
            "authors",
            "attachments",
            Prefetch("sessions", queryset=sessions.order_by("day", "pk")),
        ),
    )


@login_required
@require_GET
def item(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _item_for_page(request, pk))


# Adding and editing ----------------------------------------------------------------------


def _item_form(request: HttpRequest, item: Item) -> HttpResponse:
    form = ItemForm(request.POST or None, instance=item, by=request.user)
    context = {"form": form, "item": item if item.pk else None}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.item_save(
                by=request.user,
                item=form.save(commit=False),
                areas=data["areas"],
                categories=data["categories"],
                provinces=data["provinces"],
                authors=data["authors"],
                sessions=data["sessions"],
                version=data["version"],
                note=data["note"],
            )
        except StaleEdit as stale:
            current = stale.current
            show_stale(
                form,
                stale,
                {name: getattr(current, name) for name in ItemForm.Meta.fields}
                if current is not None
                else {},
            )
            return render(request, "knowledge/form.html", context, status=409)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” was saved.") % {"title": saved.title})
            return redirect("knowledge:item", pk=saved.pk)
    return render(request, "knowledge/form.html", context)


@login_required
def add(request: HttpRequest) -> HttpResponse:
    if not can_write_items(request.user):
        raise PermissionDenied
    return _item_form(request, Item())


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_form(request, _editable(request, pk))


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the item to its province or everyone, or take it back to a draft."""
    item = _publishable(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may read the item."))
        return redirect("knowledge:item", pk=item.pk)
    visibility = form.cleaned_data["visibility"]
    try:
        services.item_publish(
            by=request.user, item=item, visibility=visibility, version=form.cleaned_data["version"]
        )
    except StaleEdit as stale:
        messages.error(request, stale.message)
        return redirect("knowledge:item", pk=item.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("knowledge:item", pk=item.pk)
    if visibility == Visibility.DRAFT:
        messages.success(request, _("The item is a draft again: only its editors read it."))
    else:
        messages.success(
            request,
            _("The item is published: %(visibility)s.")
            % {"visibility": Visibility(visibility).label},
        )
    return redirect("knowledge:item", pk=item.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST deletes the item, its files and its history."""
    item = _editable(request, pk)
    if request.method == "POST":
        title = item.title
        services.item_delete(by=request.user, item=item)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect("knowledge:index")
    return render(request, "knowledge/delete.html", {"item": item})


# Files ---------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _editable(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                by=request.user,
                item=item,
                file=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            # The upload rules' messages (core.uploads) say what is wrong, Thai then English.
            if hasattr(error, "error_dict"):
                show_errors(form, error)
            else:
                form.add_error("file", error)
        else:
            messages.success(request, _("The file was added."))
            return redirect("knowledge:item", pk=item.pk)
    page = _item_for_page(request, pk)
    return _detail(request, page, attachment_form=form, status=400)


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A file of an item the user may read: images inline, other files as a download."""
    found = get_object_or_404(Attachment.objects.for_user(request.user), pk=pk)
    return files.serve(found.file, inline=found.is_image)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Attachment.objects.for_user(request.user).select_related("item"), pk=pk
    )
    if not can_change_item(request.user, found.item):
        raise PermissionDenied
    services.attachment_delete(by=request.user, attachment=found)
    messages.success(request, _("The file was removed."))
    return redirect("knowledge:item", pk=found.item_id)


# History -------------------------------------------------------------------------------


def _diff(before: str, after: str) -> list[tuple[str, str]]:
    """The changed lines of two texts: ("removed" | "added", line)."""
    old, new = before.splitlines(), after.splitlines()
    lines: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lines += [("removed", line) for line in old[i1:i2]]
        lines += [("added", line) for line in new[j1:j2]]
    return lines


def _changes(version: ItemVersion, previous: ItemVersion | None) -> list[dict[str, Any]]:
    if previous is None:
        return []
    fields = [
        (_("Title"), previous.title, version.title),
        (_("Summary"), previous.summary, version.summary),
        (_("Text"), rich.plain(previous.body), rich.plain(version.body)),
        (_("Title (English)"), previous.title_en, version.title_en),
        (_("Text (English)"), rich.plain(previous.body_en), rich.plain(version.body_en)),
    ]
    return [
        {"label": label, "lines": _diff(before, after)}
        for label, before, after in fields
        if before != after
    ]


@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's versions, newest first, each with what changed since the one before.
    For its editors only: a reader of a published item must not see earlier draft text."""
    item = _editable(request, pk)
    versions = list(item.versions.select_related("saved_by").order_by("-number"))
    rows = [
        {
            "version": version,
            "changes": _changes(version, versions[n + 1] if n + 1 < len(versions) else None),
            "first": n + 1 == len(versions),
        }
        for n, version in enumerate(versions)
    ]
    return render(request, "knowledge/history.html", {"item": item, "rows": rows})
