from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kbo.core.thai import format_fiscal_year
from kbo.outcomes.models import Kpi
from kbo.outcomes.sales import CHANNELS, report_years
from kbo.registry.models import SalesChannel

MAX_AMOUNT = Decimal("999999999999.99")


def _amount(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
    )


class SalesForm(forms.Form):
    """One fiscal year of a product's sales: by channel, or only the total."""

    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)

    def __init__(self, *args, years: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = years or report_years()
        year_field = self.fields["fiscal_year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(y, format_fiscal_year(y)) for y in choices]
        for channel in CHANNELS:
            self.fields[channel.value] = _amount(channel.label)
        self.fields[SalesChannel.TOTAL.value] = _amount(
            _("Total of all channels (if you know it; else the channels are added up)")
        )

    def clean(self):
        data = super().clean()
        amounts = self.amounts()
        if all(v is None for v in amounts.values()) and not self.errors:
            raise forms.ValidationError(
                _("Enter the sales of at least one channel, or the total."), code="empty"
            )
        total = amounts.get(SalesChannel.TOTAL.value)
        parts = [v for k, v in amounts.items() if k != SalesChannel.TOTAL.value and v is not None]
        if total is not None and parts and total < sum(parts):
            self.add_error(
                SalesChannel.TOTAL.value,
                forms.ValidationError(
                    _("The total (%(total)s) cannot be less than the channels added up (%(sum)s)."),
                    code="total_below_channels",
                    params={"total": f"{total:,.2f}", "sum": f"{sum(parts):,.2f}"},
                ),
            )
        return data

    def amounts(self) -> dict[str, Decimal | None]:
        data = getattr(self, "cleaned_data", {})
        keys = [c.value for c in CHANNELS] + [SalesChannel.TOTAL.value]
        return {key: data.get(key) for key in keys}


class KpiForm(forms.ModelForm):
    class Meta:
        model = Kpi
        fields = [
            "name",
            "name_en",
            "definition",
            "definition_en",
            "measure",
            "baseline_offset",
            "result_offset",
            "target",
            "position",
            "active",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
        }
