from django import forms
from django.db.models import Q

from kbo.network.models import KnowledgeSource
from kbo.registry.models import Producer
from kbo.trainings.models import Session, Trainee, Training


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "starts_on", "ends_on", "venue", "organiser", "description"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["day", "starts_at", "ends_at", "topic", "lecturer", "lecturer_other"]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province_id = self.instance.training.project.province_id
        # Knowledge sources of the province: based there, serving it, or on its committee.
        self.fields["lecturer"].queryset = (  # type: ignore[attr-defined]
            KnowledgeSource.objects.filter(
                Q(home_province_id=province_id)
                | Q(service_provinces__id=province_id)
                | Q(seats__term__network__province_id=province_id)
            )
            .distinct()
            .order_by("name")
        )
        if not self.instance.pk and not self.initial.get("day"):
            self.initial["day"] = self.instance.training.starts_on


class TraineeForm(forms.ModelForm):
    class Meta:
        model = Trainee
        fields = ["group", "name", "organisation", "phone", "producer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = Producer.objects.filter(  # type: ignore[attr-defined]
            province_id=self.instance.training.project.province_id
        ).order_by("name")
