from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "kbo.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes and KPIs")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.outcomes import models

        auditlog.register(models.Kpi)
