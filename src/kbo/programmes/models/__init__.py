"""The yearly KBO project (project.py) and the development of its selected products
(development.py)."""

from kbo.programmes.models.development import (
    NEED_AREA_EXPERTISE,
    Analysis,
    DecisionChildScoped,
    Evidence,
    Need,
    NeedArea,
    PlanItem,
    Prototype,
    PrototypeVersion,
    Target,
)
from kbo.programmes.models.project import (
    Activity,
    Criteria,
    Decision,
    Project,
    ProjectChildScoped,
)

__all__ = [
    "NEED_AREA_EXPERTISE",
    "Activity",
    "Analysis",
    "Criteria",
    "Decision",
    "DecisionChildScoped",
    "Evidence",
    "Need",
    "NeedArea",
    "PlanItem",
    "Project",
    "ProjectChildScoped",
    "Prototype",
    "PrototypeVersion",
    "Target",
]
