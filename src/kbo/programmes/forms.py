from django import forms
from django.utils.translation import gettext_lazy as _

from kbo.core.locking import VersionField
from kbo.geo.models import District
from kbo.programmes.models import Criteria, Decision, Project
from kbo.registry.models import Category, ProducerType, Segment


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["province", "fiscal_year", "name", "budget", "target_products", "objectives"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]


class CriteriaForm(forms.ModelForm):
    segments = forms.MultipleChoiceField(
        label=_("Segments"),
        choices=Segment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    producer_types = forms.MultipleChoiceField(
        label=_("Producer types"),
        choices=ProducerType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"), queryset=District.objects.none(), required=False
    )

    class Meta:
        model = Criteria
        fields = [
            "segments",
            "stars_min",
            "stars_max",
            "include_not_rated",
            "registered_from",
            "registered_to",
            "producer_types",
            "categories",
            "districts",
            "continuity",
            "continuity_years",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.filter(  # type: ignore[attr-defined]
            province_id=self.instance.project.province_id
        )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(choices=Decision.Status.choices)
    reason = forms.CharField(required=False, max_length=1000)
    confirm = forms.BooleanField(required=False)
    version = VersionField()  # 0: the product had no decision when the page was opened
