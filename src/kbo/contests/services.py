"""Running a contest: its rubric, panels, entries, judges and conflicts of interest, the
stages (preparing → scoring open → closed → published) and judges' score sheets.

Every function that changes something takes `by` (the user) and checks it: organisers
(`models.can_organise`) prepare, open, close and publish; judges save their own sheets.
Errors are ValidationError (naming the field) or PermissionDenied; nothing is half-written.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.contests.conflicts import conflicts
from kbo.contests.models import (
    ConflictDeclaration,
    Contest,
    Criterion,
    Entry,
    JudgeAssignment,
    Panel,
    RubricTemplate,
    can_organise,
)
from kbo.contests.rubrics import ensure_default_template
from kbo.contests.scoring import assigned as _assigned
from kbo.contests.scoring import progress, sheet_save
from kbo.programmes.models import Decision

__all__ = [
    "close",
    "conflict_declare",
    "conflicts",
    "contest_create",
    "criterion_delete",
    "criterion_save",
    "entries_for_judge",
    "entry_add",
    "entry_forward",
    "judge_assign",
    "open_scoring",
    "panel_save",
    "progress",
    "publish",
    "sheet_save",
]

Status = Contest.Status
PREPARING = (Status.DRAFT, Status.OPEN)


def _require_organiser(by, contest: Contest) -> None:
    if not can_organise(by, contest):
        raise PermissionDenied(_("You may not organise this contest."))


def _locked(contest: Contest) -> Contest:
    """The contest row, locked until the end of the transaction (stage changes serialise)."""
    return Contest.objects.select_for_update().get(pk=contest.pk)


def _require_stage(contest: Contest, *allowed: str) -> None:
    if contest.status not in allowed:
        raise ValidationError(
            _("Not possible while the contest is “%(status)s”.")
            % {"status": contest.get_status_display()}
        )


# Preparing -----------------------------------------------------------------------------


@transaction.atomic
def contest_create(*, by, contest: Contest, template: RubricTemplate | None = None) -> Contest:
    """Save a new contest, copy its criteria from `template` (the default template when
    None) and, for a provincial contest, create its single panel."""
    _require_organiser(by, contest)
    if template is None:
        template = RubricTemplate.objects.filter(is_default=True).first()
        template = template or ensure_default_template()
    contest.rubric_template = template
    contest.status = Status.DRAFT
    contest.full_clean()
    contest.save()
    for item in template.criteria.all():
        Criterion.objects.create(
            contest=contest,
            order=item.order,
            name=item.name,
            description=item.description,
            weight=item.weight,
            max_score=item.max_score,
        )
    if contest.kind == Contest.Kind.PROVINCIAL:
        Panel.objects.create(contest=contest, name=_("Provincial round"), stage=Panel.Stage.SINGLE)
    return contest


@transaction.atomic
def criterion_save(*, by, criterion: Criterion) -> Criterion:
    """Add or change a criterion; refused once the rubric is frozen (scoring opened)."""
    contest = _locked(criterion.contest)
    _require_organiser(by, contest)
    if contest.rubric_frozen:
        raise ValidationError(_("The rubric is frozen: scoring has opened."))
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, by, criterion: Criterion) -> None:
    contest = _locked(criterion.contest)
    _require_organiser(by, contest)
    if contest.rubric_frozen:
        raise ValidationError(_("The rubric is frozen: scoring has opened."))
    criterion.delete()


@transaction.atomic
def panel_save(*, by, panel: Panel, regions=()) -> Panel:
    """Add or change a panel (and the regions it judges) while the contest is prepared or open."""
    contest = _locked(panel.contest)
    _require_organiser(by, contest)
    _require_stage(contest, *PREPARING)
    panel.full_clean()
    panel.save()
    panel.regions.set(list(regions))
    return panel


def _entry_create(
    *, contest: Contest, panel: Panel, product, network, title: str, description: str
) -> Entry:
    """Checks and creates an entry (the caller holds the contest lock and checked `by`)."""
    _require_stage(contest, *PREPARING)
    if panel.contest_id != contest.pk:
        raise ValidationError({"panel": _("This panel belongs to another contest.")})
    if (product is None) == (network is None):
        raise ValidationError({"product": _("Enter either a product or a provincial network.")})
    thing = product if product is not None else network
    province_id = thing.province_id
    if contest.kind == Contest.Kind.PROVINCIAL and province_id != contest.province_id:
        raise ValidationError({"product": _("A provincial contest takes its province's products.")})
    same = {"product": product} if product is not None else {"network": network}
    if Entry.objects.filter(contest=contest, withdrawn=False, **same).exists():
        raise ValidationError({"product": _("Already entered in this contest.")})
    decision = None
    if product is not None:
        decision = (
            Decision.objects.filter(
                product=product,
                status=Decision.Status.SELECTED,
                project__fiscal_year=contest.fiscal_year,
            )
            .order_by("pk")
            .first()
        )
    number = (contest.entries.aggregate(top=Max("number"))["top"] or 0) + 1
    entry = Entry(
        contest=contest,
        panel=panel,
        number=number,
        province_id=province_id,
        product=product,
        network=network,
        decision=decision,
        title=title or thing.name,
        description=description,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def entry_add(
    *,
    by,
    contest: Contest,
    panel: Panel,
    product=None,
    network=None,
    title: str = "",
    description: str = "",
) -> Entry:
    """Enter a product (or a provincial network) in a panel with the next entry number; the
    province comes from the product or network; a provincial contest takes only its
    province's products, and links the product's SELECTED decision of the contest's fiscal
    year when there is one (the year's cohort)."""
    contest = _locked(contest)
    _require_organiser(by, contest)
    return _entry_create(
        contest=contest,
        panel=panel,
        product=product,
        network=network,
        title=title,
        description=description,
    )


@transaction.atomic
def entry_forward(*, by, entry: Entry, to_contest: Contest, panel: Panel) -> Entry:
    """Send a provincial winner on to the national contest in one action: a new entry in
    `panel` of `to_contest`, `forwarded_from=entry` (its history is kept).

    Allowed to the organisers of either contest; the source contest must be closed or
    published and the entry ranked in its panel (any rank: the pages offer the winner); the
    destination must be preparing or open and not hold the same product already."""
    from kbo.contests.results import panel_results

    source = Contest.objects.get(pk=entry.contest_id)
    if not (can_organise(by, to_contest) or can_organise(by, source)):
        raise PermissionDenied(_("You may not organise this contest."))
    if not source.scores_visible:
        raise ValidationError(_("Only entries of a closed contest can be forwarded."))
    ranked = {r.entry.pk for r in panel_results(entry.panel).entries if r.rank is not None}
    if entry.pk not in ranked:
        raise ValidationError(_("Only a ranked entry can be forwarded."))
    to_contest = _locked(to_contest)
    if to_contest.pk == source.pk:
        raise ValidationError({"to_contest": _("Choose another contest.")})
    new = _entry_create(
        contest=to_contest,
        panel=panel,
        product=entry.product,
        network=entry.network,
        title=entry.title,
        description=entry.description,
    )
    new.forwarded_from = entry
    if new.decision_id is None and entry.decision_id is not None:
        new.decision_id = entry.decision_id
    new.save(update_fields=["forwarded_from", "decision"])
    return new


@transaction.atomic
def judge_assign(
    *,
    by,
    contest: Contest,
    judge,
    panel: Panel | None = None,
    source=None,
    organisation: str = "",
) -> JudgeAssignment:
    """Assign a user with the judge role to the contest (one panel, or all when None).
    Assigning the same judge to the same panel again updates the source and organisation."""
    contest = _locked(contest)
    _require_organiser(by, contest)
    _require_stage(contest, *PREPARING)
    if not access.has_role(judge, Role.JUDGE):
        raise ValidationError({"judge": _("This user does not hold the judge role.")})
    if panel is not None and panel.contest_id != contest.pk:
        raise ValidationError({"panel": _("This panel belongs to another contest.")})
    assignment = JudgeAssignment.objects.filter(contest=contest, panel=panel, judge=judge).first()
    if assignment is None:
        assignment = JudgeAssignment(contest=contest, panel=panel, judge=judge)
    assignment.source = source
    assignment.organisation = organisation.strip()
    assignment.full_clean(validate_unique=False)
    assignment.save()
    return assignment


@transaction.atomic
def conflict_declare(*, by, entry: Entry, reason: str) -> ConflictDeclaration:
    """The judge `by` declares a conflict of interest on an entry (they then cannot score it)."""
    if not _assigned(by, entry):
        raise PermissionDenied(_("You are not a judge of this entry's panel."))
    if Contest.objects.get(pk=entry.contest_id).scores_visible:
        raise ValidationError(_("The contest has closed."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you have a conflict of interest.")})
    declaration, created = ConflictDeclaration.objects.get_or_create(
        entry=entry, judge=by, defaults={"reason": reason}
    )
    if not created and declaration.reason != reason:
        declaration.reason = reason
        declaration.save(update_fields=["reason"])
    return declaration


def entries_for_judge(judge, contest: Contest) -> list[Entry]:
    """The entries the judge scores (their panels), conflicted ones included (shown as such)."""
    panels = set(
        JudgeAssignment.objects.filter(contest=contest, judge_id=judge.pk).values_list(
            "panel_id", flat=True
        )
    )
    if not panels:
        return []
    entries = Entry.objects.filter(contest=contest, withdrawn=False)
    if None not in panels:
        entries = entries.filter(panel_id__in=panels)
    return list(entries.select_related("panel", "province").order_by("number"))


# Stages --------------------------------------------------------------------------------


@transaction.atomic
def open_scoring(*, by, contest: Contest) -> Contest:
    """Open scoring (freezes the rubric); needs criteria, entries and judges."""
    locked = _locked(contest)
    _require_organiser(by, locked)
    _require_stage(locked, Status.DRAFT)
    missing = []
    if not locked.criteria.exists():
        missing.append(_("criteria"))
    if not locked.entries.filter(withdrawn=False).exists():
        missing.append(_("entries"))
    if not locked.judges.exists():
        missing.append(_("judges"))
    if missing:
        raise ValidationError(
            _("Scoring cannot open without %(missing)s.") % {"missing": ", ".join(missing)}
        )
    return _move(contest, locked, Status.OPEN, "opened_at")


def _move(contest: Contest, locked: Contest, status: str, stamp: str) -> Contest:
    locked.status = status
    setattr(locked, stamp, timezone.now())
    locked.save(update_fields=["status", stamp])
    contest.status = status
    setattr(contest, stamp, getattr(locked, stamp))
    return contest


@transaction.atomic
def close(*, by, contest: Contest) -> Contest:
    """Close scoring: no sheet changes after this; results and scores become visible."""
    locked = _locked(contest)
    _require_organiser(by, locked)
    _require_stage(locked, Status.OPEN)
    return _move(contest, locked, Status.CLOSED, "closed_at")


@transaction.atomic
def publish(*, by, contest: Contest) -> Contest:
    """Publish the results of a closed contest to the public showcase."""
    locked = _locked(contest)
    _require_organiser(by, locked)
    _require_stage(locked, Status.CLOSED)
    return _move(contest, locked, Status.PUBLISHED, "published_at")
