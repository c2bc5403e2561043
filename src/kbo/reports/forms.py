"""The choice of an official report: fiscal year, province (or the national summary for
national staff), format, Thai digits, and who signs it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kbo.core.thai import format_fiscal_year

NATIONAL = "national"
FORMATS = [("pdf", "PDF"), ("xlsx", "XLSX (Excel)")]


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int)
    scope = forms.ChoiceField(label=_("Report on"))
    fmt = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, initial="pdf", widget=forms.RadioSelect
    )
    thai_digits = forms.BooleanField(
        label=_("Thai digits (เลขไทย)"),
        required=False,
        help_text=_("Numbers and dates in the text with Thai digits (๑๒๓)."),
    )
    reporter = forms.CharField(label=_("Reported by"), max_length=200, required=False)
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the signature block keeps a dotted line to fill in by hand."),
    )

    def __init__(self, *args, years: list[int], provinces, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = [(y, format_fiscal_year(y)) for y in years]
        choices = [(p.code, p.name_th) for p in provinces]
        if national:
            choices = [(NATIONAL, _("National summary (every province)")), *choices]
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = choices
