from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "kbo.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.knowledge import models

        auditlog.register(
            models.Item,
            exclude_fields=["search_text", "title_text", "area_text", "updated_at", "version"],
            m2m_fields={"areas", "provinces", "authors", "sessions"},
        )
        auditlog.register(models.Attachment)
        auditlog.register(models.ItemCategory)
