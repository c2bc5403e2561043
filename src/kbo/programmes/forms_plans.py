"""Forms of the development pages: analysis, needs, plan items, evidence, prototypes,
targets and activities (the rules are checked again by kbo.programmes.plans)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kbo.core.locking import VersionField
from kbo.core.uploads import validate_document, validate_image
from kbo.network.models import KnowledgeSource
from kbo.programmes.models import (
    Activity,
    Analysis,
    Decision,
    Need,
    PlanItem,
    Prototype,
    PrototypeVersion,
    Target,
)
from kbo.programmes.plans import check_file

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnalysisForm(forms.ModelForm):
    class Meta:
        model = Analysis
        fields = [
            "analysed_on",
            "with_whom",
            "strengths",
            "weaknesses",
            "opportunities",
            "threats",
        ]
        widgets = {
            "analysed_on": DATE,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("strengths", "weaknesses", "opportunities", "threats")
            },
        }


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["area", "description", "priority"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


def sources_for(province_id: int):
    """Knowledge sources that serve the province: living there, serving it, or seated on
    its committee."""
    return (
        KnowledgeSource.objects.filter(
            Q(home_province_id=province_id)
            | Q(service_provinces=province_id)
            | Q(seats__term__network__province_id=province_id)
        )
        .distinct()
        .order_by("name")
    )


class PlanItemForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = PlanItem
        fields = [
            "need",
            "area",
            "action",
            "responsible",
            "responsible_other",
            "due_on",
            "budget",
            "status",
            "result",
        ]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "result": forms.Textarea(attrs={"rows": 2}),
            "due_on": DATE,
        }

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        self.fields["need"].queryset = decision.needs.all()  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = sources_for(  # type: ignore[attr-defined]
            decision.project.province_id
        )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("file or photo"),
        help_text=_("A photo, PDF or office document of at most 10 MB."),
    )
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_file(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["file"]) from error
        validate_document(upload)  # the type by content (core/uploads.py)
        return upload


class PrototypeForm(forms.ModelForm):
    class Meta:
        model = Prototype
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PrototypeVersionForm(forms.ModelForm):
    class Meta:
        model = PrototypeVersion
        fields = ["made_on", "changes", "before_photo", "after_photo", "feedback"]
        widgets = {
            "made_on": DATE,
            "changes": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_before_photo(self):
        photo = self.cleaned_data.get("before_photo")
        validate_image(photo)  # size, pixels and type by content (core/uploads.py)
        return photo

    def clean_after_photo(self):
        photo = self.cleaned_data.get("after_photo")
        validate_image(photo)
        return photo


class TargetForm(forms.Form):
    group = forms.ChoiceField(choices=Target.Group.choices, widget=forms.HiddenInput)
    target = forms.IntegerField(label=_("target"), min_value=0)
    actual = forms.IntegerField(
        label=_("actual"),
        min_value=0,
        required=False,
        help_text=_("Leave empty to count it from the project's records."),
    )


TargetFormSet = forms.formset_factory(TargetForm, extra=0)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["budget", "starts_on", "ends_on", "status"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean(self):
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The activity ends before it starts."))
        return data
