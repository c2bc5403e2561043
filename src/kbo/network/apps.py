from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "kbo.network"
    label = "network"
    verbose_name = _("KBO networks")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.network import models

        for model in (
            models.ExpertiseArea,
            models.Network,
            models.Term,
            models.KnowledgeSource,
            models.CommitteeSeat,
            models.Meeting,
            models.AgendaItem,
            models.Attendance,
            models.MeetingFile,
        ):
            auditlog.register(model, exclude_fields=["search_text"])
