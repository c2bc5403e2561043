"""The public product and knowledge filters and the officers' news form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core.forms import by_code, one_of
from kbo.core.uploads import validate_image
from kbo.geo.models import Province
from kbo.knowledge.models import Kind
from kbo.network.models import ExpertiseArea
from kbo.programmes.models import Activity, Project
from kbo.registry.models import Category, CertificateType
from kbo.showcase.models import News

STAR_CHOICES = [("", _("Any stars"))] + [(str(n), "★" * n) for n in range(1, 6)]


class ProductFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Product, brand, place")}),
    )
    province = by_code(_("Province"), Province.objects.order_by("name_th"), _("All provinces"))
    category = one_of(_("Category"), Category.choices, _("All categories"))
    stars = forms.TypedChoiceField(
        label=_("Stars"), choices=STAR_CHOICES, coerce=int, empty_value=None, required=False
    )
    certificate = one_of(_("Certificate"), CertificateType.choices, _("Any certificate"))

    def filters(self) -> dict:
        """The valid filters (an invalid value is ignored, never an error page)."""
        if not self.is_valid():
            return {
                key: self.cleaned_data[key]
                for key in self.fields
                if key in getattr(self, "cleaned_data", {})
            }
        return dict(self.cleaned_data)


class NewsForm(forms.ModelForm):
    class Meta:
        model = News
        fields = [
            "province",
            "title",
            "published_on",
            "body",
            "photo",
            "status",
            "project",
            "activity",
        ]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        provinces = Province.objects.order_by("name_th")
        if not access.is_national(user):
            provinces = provinces.filter(pk__in=access.province_ids(user, roles=[Role.OFFICER]))
            self.fields["province"].required = True
            self.fields["province"].empty_label = None  # type: ignore[attr-defined]
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        self.fields["project"].queryset = (  # type: ignore[attr-defined]
            Project.objects.for_user(user).select_related("province")
        )
        self.fields["activity"].queryset = (  # type: ignore[attr-defined]
            Activity.objects.for_user(user).select_related("project")
        )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        validate_image(photo)  # size, pixels and type by content (core/uploads.py)
        return photo

    def clean(self):
        data = super().clean() or {}
        province, project, activity = (
            data.get("province"),
            data.get("project"),
            data.get("activity"),
        )
        if project is not None and project.province_id != getattr(province, "pk", None):
            self.add_error("project", _("The project belongs to another province."))
        if activity is not None:
            if project is None:
                data["project"] = project = activity.project
            if activity.project_id != project.pk:
                self.add_error("activity", _("The activity belongs to another project."))
        return data


NATIONAL = "national"


class KnowledgeFilterForm(forms.Form):
    """The public knowledge list's search and filters (an invalid value is ignored)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("A technique, a standard, a product")}
        ),
    )
    kind = one_of(_("Kind"), Kind.choices, _("All kinds"))
    area = by_code(_("Expertise area"), ExpertiseArea.objects.all(), _("All areas"))
    category = one_of(_("Category"), Category.choices, _("All categories"))
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Province.objects.order_by("name_th").values_list("code", "name_th")
        self.fields["province"].choices = [  # type: ignore[attr-defined]
            ("", _("All provinces")),
            (NATIONAL, _("National")),
            *provinces,
        ]

    def filters(self) -> dict[str, str]:
        """{q, kind, area, category, province} as strings; invalid ones are left empty."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        area = data.get("area")
        return {
            "q": (data.get("q") or "").strip(),
            "kind": data.get("kind") or "",
            "area": area.code if area else "",
            "category": data.get("category") or "",
            "province": data.get("province") or "",
        }
