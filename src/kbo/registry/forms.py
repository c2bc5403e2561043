"""Forms of the registry pages: producers, products, and the passport's history entries.

Forms validate only; the views hand the cleaned values to `registry.services`.
"""

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.core.locking import VersionField
from kbo.core.thai import BE_OFFSET
from kbo.core.uploads import validate_document, validate_image
from kbo.geo.models import Subdistrict
from kbo.registry.models import (
    Certificate,
    Producer,
    Product,
    SalesChannel,
    Segment,
    Subcategory,
)

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
YEAR_MIN, YEAR_MAX = 2500, 2700


class BEYearField(forms.IntegerField):
    """A Buddhist Era year; a CE year (below 2400) is turned into BE."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.NumberInput(attrs={"placeholder": "2567"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.translate(THAI_DIGITS).strip()
        year = super().to_python(value)
        if year is None:
            return None
        year = year + BE_OFFSET if year < 2400 else year
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise forms.ValidationError(
                _("Give a year between %(min)s and %(max)s (BE)."),
                code="year",
                params={"min": YEAR_MIN, "max": YEAR_MAX},
            )
        return year


class SubdistrictField(forms.CharField):
    """A subdistrict by its 6-digit code; the page offers a search by name (a datalist)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Subdistrict (tambon)"))
        kwargs.setdefault(
            "help_text",
            _("Type the 6-digit code, or type the name and pick the subdistrict from the list."),
        )
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "list": "subdistrict-options",
                    "autocomplete": "off",
                    "hx-get": reverse_lazy("registry:subdistrict_options"),
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#subdistrict-options",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Subdistrict | None:
        text = (super().clean(value) or "").translate(THAI_DIGITS)
        found = re.match(r"\s*(\d{6})\b", text)
        if not found:
            raise forms.ValidationError(_("Give the subdistrict's 6-digit code."), code="code")
        try:
            return Subdistrict.objects.select_related("district", "province").get(
                code=found.group(1)
            )
        except Subdistrict.DoesNotExist:
            raise forms.ValidationError(
                _("No subdistrict has the code %(code)s."),
                code="unknown",
                params={"code": found.group(1)},
            ) from None


class ProducerForm(forms.ModelForm):
    subdistrict = SubdistrictField()
    registered_year = BEYearField(label=_("Registration fiscal year (BE)"))
    version = VersionField()

    class Meta:
        model = Producer
        fields = [
            "code",
            "producer_type",
            "name",
            "registered_year",
            "registered_quarter",
            "subdistrict",
            "village_no",
            "address",
            "contact_name",
            "phone",
            "id_number",
            "member_count",
            "community_linkage",
        ]
        widgets = {"community_linkage": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, by, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by = by
        self.initial.setdefault("version", self.instance.version)
        if self.instance.pk:
            self.initial["subdistrict"] = self.instance.subdistrict.code

    def clean_subdistrict(self) -> Subdistrict:
        subdistrict = self.cleaned_data["subdistrict"]
        if not access.can_manage_province(self.by, subdistrict.province_id):
            raise forms.ValidationError(
                _("You may register producers only in your own province."), code="province"
            )
        return subdistrict

    def clean_id_number(self) -> str:
        return (self.cleaned_data.get("id_number") or "").translate(THAI_DIGITS).replace("-", "")


class ProductForm(forms.ModelForm):
    sales_channels = forms.MultipleChoiceField(
        label=_("Sales channels"),
        required=False,
        choices=[c for c in SalesChannel.choices if c[0] != SalesChannel.TOTAL],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "inline-choices"}),
    )
    photo = forms.ImageField(label=_("Add a photo"), required=False, validators=[validate_image])
    photo_caption = forms.CharField(label=_("Photo caption"), max_length=200, required=False)
    version = VersionField()

    class Meta:
        model = Product
        fields = [
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
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "story": forms.Textarea(attrs={"rows": 4}),
            "shop_links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        cast(
            forms.ModelChoiceField, self.fields["subcategory"]
        ).queryset = Subcategory.objects.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        subcategory, category = data.get("subcategory"), data.get("category")
        if subcategory is not None and category and subcategory.category != category:
            self.add_error("subcategory", _("This subcategory belongs to another category."))
        return data


class StarRatingForm(forms.Form):
    round_year = BEYearField(label=_("Selection round (BE)"))
    stars = forms.TypedChoiceField(
        label=_("Stars"), coerce=int, choices=[(n, "★" * n) for n in range(1, 6)]
    )
    score = forms.DecimalField(
        label=_("Score"), required=False, min_value=Decimal(0), max_value=Decimal(100)
    )
    score_strength = forms.DecimalField(
        label=_("Community and producer strength"), required=False, min_value=Decimal(0)
    )
    score_marketing = forms.DecimalField(
        label=_("Marketing and product story"), required=False, min_value=Decimal(0)
    )
    score_quality = forms.DecimalField(
        label=_("Product quality"), required=False, min_value=Decimal(0)
    )


class SegmentForm(forms.Form):
    year = BEYearField(label=_("Year (BE)"))
    segment = forms.ChoiceField(label=_("Segment"), choices=Segment.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["kind", "number", "issuer", "grade", "issued_on", "expires_on", "file"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        validate_document(upload)  # size and type by content (core/uploads.py)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("A certificate cannot expire before it was issued."))
        return data


class SaleForm(forms.Form):
    fiscal_year = BEYearField(label=_("Fiscal year (BE)"))
    channel = forms.ChoiceField(
        label=_("Channel"), choices=SalesChannel.choices, initial=SalesChannel.TOTAL
    )
    amount = forms.DecimalField(
        label=_("Amount (baht)"), min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    units = forms.IntegerField(label=_("Units sold"), required=False, min_value=0)
