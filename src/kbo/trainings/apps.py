from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "kbo.trainings"
    label = "trainings"
    verbose_name = _("Trainings")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.trainings import models

        for model in (models.Training, models.Session, models.Trainee, models.SessionAttendance):
            auditlog.register(model)
