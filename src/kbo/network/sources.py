"""The directory of knowledge sources: find who can help with a need, ranked; add and edit
sources (officers of the source's province and national staff)."""

from collections.abc import Sequence
from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core.forms import by_code, one_of
from kbo.core.paging import KeysFirst
from kbo.geo.models import Province
from kbo.network.models import ExpertiseArea, KnowledgeSource, SourceKind
from kbo.network.services import source_save

PAGE_SIZE = 30


class SourceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("What is needed"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. บรรจุภัณฑ์, ฉลากโภชนาการ, ขายออนไลน์")}
        ),
    )
    area = by_code(_("Expertise area"), ExpertiseArea.objects.all(), _("All areas"))
    province = by_code(_("Province"), Province.objects.all(), _("All provinces"))
    kind = one_of(_("Kind"), SourceKind.choices, _("All kinds"))


class SourceForm(forms.ModelForm):
    areas = forms.ModelMultipleChoiceField(
        label=_("Expertise areas"),
        queryset=ExpertiseArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    service_provinces = forms.ModelMultipleChoiceField(
        label=_("Service area"),
        queryset=Province.objects.all(),
        required=False,
        help_text=_("Provinces where this source can help."),
    )

    class Meta:
        model = KnowledgeSource
        fields = [
            "kind",
            "name",
            "title",
            "organisation",
            "sector",
            "home_province",
            "description",
            "availability",
            "phone",
            "email",
            "listed",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        if not access.is_national(by):
            own = Province.objects.filter(pk__in=access.province_ids(by, roles=[Role.OFFICER]))
            self.fields["home_province"].queryset = own  # type: ignore[attr-defined]
            self.fields["home_province"].required = True


def sources(request: HttpRequest) -> HttpResponse:
    """Public directory; a query ranks sources by relevance (areas count most)."""
    form = SourceFilterForm(request.GET or None)
    found = KnowledgeSource.objects.for_user(request.user).filter(listed=True)
    text = ""
    if form.is_valid():
        data = form.cleaned_data
        text = data.get("q") or ""
        if data.get("area"):
            found = found.filter(areas=data["area"])
        if data.get("province"):
            province = data["province"]
            found = found.filter(
                pk__in=KnowledgeSource.objects.filter(service_provinces=province).values("pk")
            ) | found.filter(home_province=province)
        if data.get("kind"):
            found = found.filter(kind=data["kind"])
    found = found.search(text) if text else found.order_by("name", "pk")
    found = found.select_related("home_province").prefetch_related("areas")
    # A search scores every source: read the ranked keys once, then the page's rows.
    rows = cast(Sequence, KeysFirst(found)) if text else found
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "network/_sources_table.html" if getattr(request, "htmx", False) else "network/sources.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": text,
            "can_add": access.has_role(request.user, Role.OFFICER),
        },
    )


def _source_form(request: HttpRequest, source: KnowledgeSource) -> HttpResponse:
    form = SourceForm(
        request.POST or None,
        instance=source,
        by=request.user,
        initial={
            "areas": list(source.areas.all()),
            "service_provinces": list(source.service_provinces.all()),
        }
        if source.pk
        else None,
    )
    if request.method == "POST" and form.is_valid():
        saved = source_save(
            by=request.user,
            source=form.save(commit=False),
            areas=form.cleaned_data["areas"],
            service_provinces=form.cleaned_data["service_provinces"],
        )
        return redirect("network:member", pk=saved.pk)
    return render(request, "network/source_form.html", {"form": form, "source": source})


@login_required
@access.require_role(Role.OFFICER)
def source_add(request: HttpRequest) -> HttpResponse:
    return _source_form(request, KnowledgeSource())


@login_required
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(KnowledgeSource.objects.for_user(request.user), pk=pk)
    if not access.can_manage_province(request.user, source.home_province_id):
        raise PermissionDenied
    return _source_form(request, source)
