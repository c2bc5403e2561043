"""Forms of the KBO network pages: the network, its terms and seats, and its meetings."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kbo.core.uploads import validate_document
from kbo.network.models import (
    Attendance,
    CommitteeSeat,
    KnowledgeSource,
    Meeting,
    Network,
    SeatRole,
    Sector,
    SourceKind,
    Term,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "founded_year", "status", "secretariat", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["order_number", "order_date", "starts_on", "ends_on"]
        widgets = {"order_date": DATE, "starts_on": DATE, "ends_on": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The term cannot end before it starts."))
        return data


class SeatForm(forms.Form):
    """Seat an existing knowledge source, or type a new person in the same form."""

    person = forms.ModelChoiceField(
        label=_("Existing person"),
        queryset=KnowledgeSource.objects.none(),
        required=False,
        help_text=_("Choose a person already known, or fill in a new person below."),
    )
    new_name = forms.CharField(label=_("New person: name"), max_length=200, required=False)
    new_title = forms.CharField(
        label=_("New person: title or position"), max_length=200, required=False
    )
    new_organisation = forms.CharField(
        label=_("New person: organisation"), max_length=200, required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=SeatRole.choices, initial=SeatRole.MEMBER)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)

    def __init__(self, *args: Any, term: Term, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seated = term.seats.values("person_id")
        self.fields["person"].queryset = KnowledgeSource.objects.exclude(pk__in=seated).order_by(  # type: ignore[attr-defined]
            "name", "pk"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, name = data.get("person"), (data.get("new_name") or "").strip()
        if person and name:
            raise forms.ValidationError(_("Choose an existing person or type a new one, not both."))
        if not person and not name:
            raise forms.ValidationError(_("Choose an existing person or type a new one."))
        return data

    def new_person(self, province) -> KnowledgeSource:
        data = self.cleaned_data
        return KnowledgeSource(
            kind=SourceKind.EXPERT,
            name=data["new_name"].strip(),
            title=data["new_title"],
            organisation=data["new_organisation"],
            sector=data["sector"],
            home_province=province,
            listed=False,
        )


class MeetingForm(forms.ModelForm):
    file = forms.FileField(label=_("Attach a file"), required=False, validators=[validate_document])
    file_title = forms.CharField(label=_("File title"), max_length=200, required=False)

    class Meta:
        model = Meeting
        fields = [
            "fiscal_year",
            "number",
            "held_on",
            "starts_at",
            "place",
            "chair",
            "recorded_by",
            "minutes_note",
        ]
        widgets = {
            "held_on": DATE,
            "starts_at": TIME,
            "minutes_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, seats, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chair = self.fields["chair"]
        chair.queryset = seats  # type: ignore[attr-defined]
        chair.label_from_instance = lambda seat: f"{seat.person.name} ({seat.get_role_display()})"  # type: ignore[attr-defined]


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300, required=False)
    detail = forms.CharField(
        label=_("Detail"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    resolution = forms.CharField(
        label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


AgendaFormSet = forms.formset_factory(AgendaForm, extra=2)


class AttendanceForm(forms.Form):
    """One seat's attendance; prefixed with the seat's id."""

    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=Attendance.Status.choices,
        initial=Attendance.Status.PRESENT,
        widget=forms.RadioSelect(attrs={"class": "inline-choices"}),
    )
    representative = forms.CharField(label=_("Representative"), max_length=200, required=False)

    def __init__(self, *args: Any, seat: CommitteeSeat, **kwargs: Any) -> None:
        kwargs["prefix"] = f"seat-{seat.pk}"
        super().__init__(*args, **kwargs)
        self.seat = seat

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Attendance.Status.REPRESENTED and not data.get("representative"):
            self.add_error("representative", _("Give the representative's name."))
        if data.get("status") != Attendance.Status.REPRESENTED:
            data["representative"] = ""
        return data
