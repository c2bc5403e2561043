"""Forms of the contest pages: they validate input; the rules live in contests.services."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kbo.accounts.models import Membership, Role, User
from kbo.contests.models import Contest, Criterion, Panel, RubricTemplate
from kbo.core.locking import VersionField
from kbo.network.models import KnowledgeSource, Network
from kbo.programmes.models import Decision
from kbo.registry.models import Product


class ContestForm(forms.ModelForm):
    template = forms.ModelChoiceField(
        label=_("Rubric template"),
        queryset=RubricTemplate.objects.all(),
        required=False,
        empty_label=_("The default template"),
        help_text=_("The criteria are copied from it; you can change them until scoring opens."),
    )

    class Meta:
        model = Contest
        fields = [
            "kind",
            "level",
            "name",
            "fiscal_year",
            "province",
            "starts_on",
            "ends_on",
            "venue",
            "normalisation",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, provinces, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        if not national:
            # Officers run their province's product contest only.
            self.fields["kind"].choices = [  # type: ignore[attr-defined]
                (Contest.Kind.PROVINCIAL.value, Contest.Kind.PROVINCIAL.label)
            ]
            self.fields["level"].choices = [  # type: ignore[attr-defined]
                (Contest.Level.PROVINCE.value, Contest.Level.PROVINCE.label)
            ]
            self.fields["province"].required = True

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("kind") == Contest.Kind.PROVINCIAL and not data.get("province"):
            self.add_error("province", _("A provincial contest needs its province."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The contest cannot end before it starts."))
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["order", "name", "description", "weight", "max_score"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PanelForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["name", "stage", "regions", "advance"]
        widgets = {"regions": forms.CheckboxSelectMultiple}


def cohort(contest: Contest):
    """Products selected (SELECTED decisions) in the province's project of the contest's year."""
    if contest.province_id is None:
        return Product.objects.none()
    return Product.objects.filter(
        kbo_decisions__project__province_id=contest.province_id,
        kbo_decisions__project__fiscal_year=contest.fiscal_year,
        kbo_decisions__status=Decision.Status.SELECTED,
    ).distinct()


class EntryForm(forms.Form):
    panel = forms.ModelChoiceField(label=_("Panel"), queryset=Panel.objects.none())
    product = forms.ModelChoiceField(
        label=_("A product of the year's cohort"), queryset=Product.objects.none(), required=False
    )
    product_code = forms.CharField(
        label=_("or another product, by its code"), max_length=30, required=False
    )
    network = forms.ModelChoiceField(
        label=_("or a provincial KBO network"), queryset=Network.objects.none(), required=False
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Left empty: the product's (or network's) name."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.fields["panel"].queryset = contest.panels.all()  # type: ignore[attr-defined]
        provincial = contest.kind == Contest.Kind.PROVINCIAL
        if provincial:
            self.fields["product"].queryset = cohort(contest).order_by("name")  # type: ignore[attr-defined]
            del self.fields["network"]
        else:
            self.fields["network"].queryset = Network.objects.select_related("province").order_by(  # type: ignore[attr-defined]
                "province__code"
            )
            del self.fields["product"]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        code = data.get("product_code", "").strip()
        if code:
            found = Product.objects.filter(code=code)
            if (
                self.contest.province_id is not None
                and self.contest.kind == Contest.Kind.PROVINCIAL
            ):
                found = found.filter(province_id=self.contest.province_id)
            product = found.first()
            if product is None:
                self.add_error("product_code", _("No product of the province has this code."))
            data["product"] = product
        chosen = [key for key in ("product", "network") if data.get(key)]
        if len(chosen) != 1 and not self.errors:
            raise ValidationError(_("Choose one product or one network."))
        return data


class JudgeForm(forms.Form):
    judge = forms.ModelChoiceField(label=_("Judge"), queryset=User.objects.none())
    panel = forms.ModelChoiceField(
        label=_("Panel"),
        queryset=Panel.objects.none(),
        required=False,
        empty_label=_("Every panel"),
    )
    source = forms.ModelChoiceField(
        label=_("Knowledge-source record"),
        queryset=KnowledgeSource.objects.order_by("name"),
        required=False,
        help_text=_("Links the judge to the network's records, to find conflicts of interest."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        judges = Membership.objects.active().filter(role=Role.JUDGE).values("user")
        self.fields["judge"].queryset = User.objects.filter(pk__in=judges).order_by(  # type: ignore[attr-defined]
            "first_name", "username"
        )
        self.fields["judge"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]
        self.fields["panel"].queryset = contest.panels.all()  # type: ignore[attr-defined]


class DeclareForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot judge this entry fairly"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class ForwardForm(forms.Form):
    panel = forms.ModelChoiceField(
        label=_("National contest and panel"),
        queryset=Panel.objects.filter(
            contest__kind=Contest.Kind.NATIONAL,
            contest__status__in=[Contest.Status.DRAFT, Contest.Status.OPEN],
        ).select_related("contest"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].label_from_instance = lambda p: f"{p.contest} — {p.name}"  # type: ignore[attr-defined]


def score_field(name: str) -> str:
    return f"score_{name}"


class SheetForm(forms.Form):
    """One score (0..maximum, in halves) and a comment per criterion, and an overall comment."""

    comment = forms.CharField(
        label=_("Overall comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = VersionField()  # the sheet's version when opened (0: no sheet yet)

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name,
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(criterion.max_score),
                max_digits=6,
                decimal_places=2,
                help_text=criterion.description,
                widget=forms.NumberInput(
                    attrs={
                        "inputmode": "decimal",
                        "min": 0,
                        "max": criterion.max_score,
                        "step": "0.5",
                    }
                ),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), max_length=500, required=False
            )

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[object, str]]:
        """{criterion id: (value, comment)}; an empty value clears the criterion's score."""
        data = self.cleaned_data
        return {
            c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }

    def saved_values(self, sheet) -> dict[str, object]:
        """The sheet's saved values by field name (to show beside the judge's own)."""
        values: dict[str, object] = {"comment": sheet.comment}
        saved = {s.criterion_id: s for s in sheet.scores.all()}
        for c in self.criteria:
            score = saved.get(c.pk)
            values[f"score_{c.pk}"] = score.value if score else None
            values[f"comment_{c.pk}"] = score.comment if score else ""
        return values

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's error at the criterion it names (by id, field name or name)."""
        by_name = {c.name: c.pk for c in self.criteria}
        pairs = (
            [(key, msgs) for key, msgs in error.message_dict.items()]
            if hasattr(error, "error_dict")
            else [(None, error.messages)]
        )
        for key, messages in pairs:
            field = None
            if key is not None:
                text = str(key)
                if text in self.fields:
                    field = text
                elif f"score_{text.removeprefix('criterion_')}" in self.fields:
                    field = f"score_{text.removeprefix('criterion_')}"
                elif text in by_name:
                    field = f"score_{by_name[text]}"
            for message in messages:
                target = field or next(
                    (f"score_{pk}" for name, pk in by_name.items() if name in message), None
                )
                self.add_error(target, message)
