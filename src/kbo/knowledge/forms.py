"""Forms of the knowledge library: the search and filters of the list, the item editor, the
publish choice and the attachment upload."""

from typing import Any, cast

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core import thai
from kbo.core.forms import by_code, one_of
from kbo.core.locking import VersionField
from kbo.geo.models import Province
from kbo.knowledge.models import Item, Kind, Visibility, contributor_provinces
from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.registry.models import Category
from kbo.trainings.models import Session


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. บรรจุภัณฑ์, มผช., ฉลากโภชนาการ")}
        ),
    )
    kind = one_of(_("Kind"), Kind.choices, _("All kinds"))
    area = by_code(_("Expertise area"), ExpertiseArea.objects.all(), _("All areas"))
    category = one_of(_("Category"), Category.choices, _("All categories"))
    province = by_code(_("Province"), Province.objects.order_by("name_th"), _("All provinces"))
    visibility = one_of(_("Visibility"), Visibility.choices, _("Any visibility"))

    def __init__(self, *args: Any, editor: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editor:  # readers see only published items: the choice would mean nothing
            del self.fields["visibility"]

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid value is ignored, never an error page)."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}


class TrixInput(forms.HiddenInput):
    """The rich-text editor (Trix): a hidden input holding the HTML and the editor bound to
    it (static/knowledge/editor.js sets it up; the server cleans what it sends)."""

    is_hidden = False  # shown with its label, not among the hidden fields

    def __init__(self, attrs: dict | None = None, *, lang: str = "th") -> None:
        super().__init__(attrs)
        self.lang = lang

    def render(self, name, value, attrs=None, renderer=None):
        hidden = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return format_html(
            '{}<trix-editor input="{}" class="trix-content" lang="{}"></trix-editor>',
            hidden,
            field_id,
            self.lang,
        )


def session_label(session: Session) -> str:
    return f"{session.training.title} · {session.topic} · {thai.format_date(session.day)}"


class SessionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return session_label(obj)


class ItemForm(forms.ModelForm):
    areas = forms.ModelMultipleChoiceField(
        label=_("Expertise areas"),
        queryset=ExpertiseArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.MultipleChoiceField(
        label=_("Product categories"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces it concerns"),
        queryset=Province.objects.order_by("name_th"),
        required=False,
    )
    authors = forms.ModelMultipleChoiceField(
        label=_("Authors (knowledge sources or committee members)"),
        queryset=KnowledgeSource.objects.none(),
        required=False,
    )
    sessions = SessionChoiceField(
        label=_("Training sessions that use it"),
        queryset=Session.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("A few words for the history, e.g. “added the costs table”."),
    )
    version = VersionField()

    class Meta:
        model = Item
        fields = [
            "kind",
            "title",
            "title_en",
            "summary",
            "body",
            "body_en",
            "video_links",
            "province",
            "visibility",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": TrixInput(),
            "body_en": TrixInput(lang="en"),
            "video_links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, by, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item = self.instance
        self.initial.setdefault("version", item.version)
        provinces = Province.objects.order_by("name_th")
        province = self.fields["province"]
        if not access.is_national(by):
            officer = access.province_ids(by, roles=[Role.OFFICER])
            provinces = provinces.filter(pk__in=officer | contributor_provinces(by))
            province.required = True
            province.empty_label = None  # type: ignore[attr-defined]
            if not officer:  # a committee member writes drafts; officers publish them
                visibility = cast(forms.ChoiceField, self.fields["visibility"])
                visibility.choices = [(Visibility.DRAFT, Visibility.DRAFT.label)]
                visibility.help_text = _("The province’s officers read your draft and publish it.")
        else:
            province.empty_label = _("National (no province)")  # type: ignore[attr-defined]
        province.queryset = provinces  # type: ignore[attr-defined]
        self.fields["authors"].queryset = (  # type: ignore[attr-defined]
            KnowledgeSource.objects.for_user(by).filter(listed=True).order_by("name")
        )
        self.fields["sessions"].queryset = (  # type: ignore[attr-defined]
            Session.objects.for_user(by).select_related("training").order_by("-day", "pk")
        )
        if item.pk:
            self.initial.setdefault("areas", list(item.areas.all()))
            self.initial.setdefault("categories", item.category_codes)
            self.initial.setdefault("provinces", list(item.provinces.all()))
            self.initial.setdefault("authors", list(item.authors.all()))
            self.initial.setdefault("sessions", list(item.sessions.all()))


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(label=_("Who may read it"), choices=Visibility.choices)
    version = VersionField()


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, an image or an office document."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
