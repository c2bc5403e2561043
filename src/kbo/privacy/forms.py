from django import forms
from django.utils.translation import gettext_lazy as _

from kbo.privacy.models import Purpose


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    given = forms.TypedChoiceField(
        label=_("Consent"),
        choices=[("1", _("given")), ("0", _("withdrawn"))],
        coerce=lambda value: value == "1",
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=300,
        required=False,
        help_text=_("e.g. signed form no. 12/2568, kept at the provincial office"),
    )


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. the producer's written request of 1 March 2568"),
    )
    confirm = forms.CharField(
        label=_("Type the producer code to confirm"), max_length=30, strip=True
    )

    def __init__(self, *args, code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"]
        if value != self.code:
            raise forms.ValidationError(_("Type the producer code exactly as shown to confirm."))
        return value


class AccessLogFilter(forms.Form):
    model = forms.CharField(label=_("Kind of record"), required=False)
    record = forms.IntegerField(label=_("Record number"), required=False, min_value=1)
    person = forms.CharField(label=_("Who (username)"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
