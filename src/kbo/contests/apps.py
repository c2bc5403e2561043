from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "kbo.contests"
    label = "contests"
    verbose_name = _("Contests")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.contests import models

        for model in (
            models.RubricTemplate,
            models.TemplateCriterion,
            models.Contest,
            models.Panel,
            models.Criterion,
            models.Entry,
            models.JudgeAssignment,
            models.ConflictDeclaration,
            models.ScoreSheet,
            models.Score,
        ):
            auditlog.register(model)
