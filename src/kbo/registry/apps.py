from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "kbo.registry"
    label = "registry"
    verbose_name = _("OTOP registry")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.registry import models

        auditlog.register(
            models.Producer, exclude_fields=["search_text", "created_at", "updated_at"]
        )
        auditlog.register(
            models.Product, exclude_fields=["search_text", "created_at", "updated_at"]
        )
        for model in (
            models.Subcategory,
            models.StarRound,
            models.StarBand,
            models.StarRating,
            models.SegmentAssessment,
            models.Certificate,
            models.Sale,
            models.ProductPhoto,
        ):
            auditlog.register(model)
