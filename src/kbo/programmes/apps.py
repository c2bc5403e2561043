from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "kbo.programmes"
    label = "programmes"
    verbose_name = _("Yearly KBO projects")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.programmes import models

        for model in (
            models.Project,
            models.Activity,
            models.Criteria,
            models.Decision,
            models.Target,
            models.Analysis,
            models.Need,
            models.PlanItem,
            models.Evidence,
            models.Prototype,
            models.PrototypeVersion,
        ):
            auditlog.register(model)
