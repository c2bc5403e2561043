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
            exclude_fields=[*models.SEARCH_DOCUMENTS, "updated_at", "version"],
            m2m_fields={"areas", "provinces", "authors", "sessions"},
        )
        auditlog.register(models.Attachment)
        auditlog.register(models.ItemCategory)

        from django.db.models.signals import post_save

        from kbo.privacy.models import Consent

        post_save.connect(_consent_recorded, sender=Consent, dispatch_uid="knowledge-consent")


def _consent_recorded(sender, instance, created: bool, **kwargs) -> None:
    """A withdrawn case-study consent takes the producer's public case studies back to the
    province (the privacy app, below this one, knows nothing of knowledge items)."""
    from kbo.knowledge.services import case_studies_withdrawn
    from kbo.privacy.models import Purpose

    if created and instance.purpose == Purpose.CASE_STUDY and not instance.given:
        case_studies_withdrawn(by=instance.recorded_by, producer_id=instance.producer_id)
