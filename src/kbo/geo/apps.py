from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "kbo.geo"
    label = "geo"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.geo import models

        for model in (models.Region, models.Province, models.District, models.Subdistrict):
            auditlog.register(model)
