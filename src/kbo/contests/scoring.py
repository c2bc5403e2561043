"""Judges' score sheets (saved safely when many judges save at once) and the organiser's
progress board. Re-exported by kbo.contests.services."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kbo.contests.conflicts import conflicts
from kbo.contests.models import Contest, Criterion, Entry, JudgeAssignment, Score, ScoreSheet
from kbo.core import locking

Status = Contest.Status


def assigned(judge, entry: Entry) -> bool:
    """Is the user a judge of the entry's panel (or of every panel)?"""
    return JudgeAssignment.objects.filter(
        Q(panel_id=entry.panel_id) | Q(panel__isnull=True),
        contest_id=entry.contest_id,
        judge_id=judge.pk,
    ).exists()


# Scoring---------------------------------------------------------------------------

# SQLite allows one writer at a time; its in-memory test database (shared cache) answers
# "database table is locked" at once instead of waiting. On SQLite, sheets are therefore
# saved one at a time per process (this lock) and a locked database is retried a few times.
_SQLITE_WRITER = threading.Lock()
_RETRIES = 8


@contextmanager
def _one_writer_on_sqlite() -> Iterator[None]:
    if connection.vendor == "sqlite":
        with _SQLITE_WRITER:
            yield
    else:
        yield


def sheet_save(
    *,
    by,
    entry: Entry,
    scores: dict[int, tuple[object, str]],
    comment: str = "",
    submit: bool = False,
    version: int | None = None,
) -> ScoreSheet:
    """The judge `by` saves their sheet for `entry`: {criterion id: (value, comment)}.
    Refused (nothing stored) when the contest is not open, the judge is not on the entry's
    panel, the judge has a conflict on the entry, a value is outside 0..maximum (error names
    the criterion), or `submit` is asked with a criterion missing. Safe when many judges save
    at once: one sheet per judge and entry, one score per criterion.

    An empty value (None or "") clears that criterion's score. Saving again while scoring is
    open changes the sheet; a submitted sheet that loses a score is no longer submitted.

    `version` is the sheet's version when the page was opened (0: no sheet yet; None: no
    check): a sheet saved since (on another phone or tab) raises StaleEdit, nothing stored.
    Every save returns the sheet with its new version for the next save."""
    retry = not connection.in_atomic_block
    for attempt in range(_RETRIES):
        try:
            with _one_writer_on_sqlite():
                return _sheet_save(
                    by=by,
                    entry=entry,
                    scores=scores,
                    comment=comment,
                    submit=submit,
                    version=version,
                )
        except OperationalError as error:
            locked = "locked" in str(error) or "deadlock" in str(error)
            if not (retry and locked) or attempt == _RETRIES - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _parse(criteria: dict[int, Criterion], scores: dict) -> dict[int, tuple[Decimal | None, str]]:
    """Checked values by criterion id (None: clear); every problem raised at once."""
    errors: dict[str, str] = {}
    parsed: dict[int, tuple[Decimal | None, str]] = {}
    for raw_id, pair in scores.items():
        value, note = pair if isinstance(pair, tuple | list) else (pair, "")
        key = f"criterion_{raw_id}"
        try:
            criterion = criteria[int(raw_id)]
        except (KeyError, TypeError, ValueError):
            errors[key] = _("Not a criterion of this contest.")
            continue
        note = (note or "").strip()
        if len(note) > 500:
            errors[key] = _("%(criterion)s: the comment is longer than 500 characters.") % {
                "criterion": criterion.name
            }
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            parsed[criterion.pk] = (None, note)
            continue
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            errors[key] = _("%(criterion)s: enter a number.") % {"criterion": criterion.name}
        elif not 0 <= number <= criterion.max_score:
            errors[key] = _("%(criterion)s: the score must be between 0 and %(max)s.") % {
                "criterion": criterion.name,
                "max": criterion.max_score,
            }
        elif number != number.quantize(Decimal("0.01")):
            errors[key] = _("%(criterion)s: use at most two decimal places.") % {
                "criterion": criterion.name
            }
        else:
            parsed[criterion.pk] = (number.quantize(Decimal("0.01")), note)
    if errors:
        raise ValidationError(errors)
    return parsed


def _sheet_for(by, entry: Entry, version: int | None) -> ScoreSheet:
    """The judge's sheet for the entry, created once and locked for this transaction; an
    existing sheet is claimed at `version` (see kbo.core.locking), a new one starts at 1."""
    sheet = ScoreSheet.objects.select_for_update().filter(entry=entry, judge=by).first()
    if sheet is not None:
        return _claimed(sheet, version, by)
    try:
        with transaction.atomic():  # a savepoint: a concurrent insert loses only this
            return ScoreSheet.objects.create(entry=entry, judge=by)
    except IntegrityError:
        pass  # another request created it first
    return _claimed(ScoreSheet.objects.select_for_update().get(entry=entry, judge=by), version, by)


def _claimed(sheet: ScoreSheet, version: int | None, by) -> ScoreSheet:
    if version == 0:  # the page showed no sheet: another tab or phone started it since
        raise locking.StaleEdit(sheet, by=by)
    locking.claim(sheet, version, by=by)
    return sheet


@transaction.atomic
def _sheet_save(*, by, entry, scores, comment, submit, version) -> ScoreSheet:
    # Saves of one contest take turns on its row (each is a few milliseconds), and close()
    # (FOR UPDATE) waits for a save under way: a save that starts after closing reads the new
    # status. Locking the contest first, then the sheet, keeps one lock order (no deadlock).
    # On SQLite a stale read cannot commit a write (the transaction is retried instead).
    contest = Contest.objects.select_for_update(no_key=True).get(pk=entry.contest_id)
    if contest.status != Status.OPEN:
        raise PermissionDenied(
            _("Scoring is not open (the contest is “%(status)s”).")
            % {"status": contest.get_status_display()}
        )
    if not assigned(by, entry):
        raise PermissionDenied(_("You are not a judge of this entry's panel."))
    reasons = conflicts(contest).get((by.pk, entry.pk))
    if reasons:
        raise PermissionDenied(
            _("You have a conflict of interest with this entry: %(reasons)s")
            % {"reasons": "; ".join(reasons)}
        )
    criteria = {c.pk: c for c in contest.criteria.all()}
    parsed = _parse(criteria, scores)
    comment = (comment or "").strip()
    sheet = _sheet_for(by, entry, version)
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    if submit:
        kept = {cid for cid in existing if cid not in parsed}
        kept |= {cid for cid, (value, _n) in parsed.items() if value is not None}
        missing = [c for cid, c in criteria.items() if cid not in kept]
        if missing:
            raise ValidationError(
                {
                    f"criterion_{c.pk}": _("%(criterion)s: score it before submitting.")
                    % {"criterion": c.name}
                    for c in missing
                }
            )
    for cid, (value, note) in parsed.items():
        score = existing.get(cid)
        if value is None:
            if score is not None:
                score.delete()
                del existing[cid]
        elif score is None:
            existing[cid] = Score.objects.create(
                sheet=sheet, criterion_id=cid, value=value, comment=note
            )
        elif score.value != value or score.comment != note:
            score.value, score.comment = value, note
            score.save(update_fields=["value", "comment"])
    complete = set(criteria) <= set(existing)
    if submit:
        sheet.submitted_at = timezone.now()
    elif not complete:
        sheet.submitted_at = None
    sheet.comment = comment
    sheet.save(update_fields=["comment", "submitted_at", "updated_at", "version"])
    return sheet


def progress(contest: Contest) -> list[dict]:
    """The organiser's board, one row per judge assignment: judge, panel, entries to score
    (conflicts excluded), sheets submitted, sheets started, entries not finished.

    Row keys: assignment, judge, panel, to_score, submitted, started (saved, not submitted),
    not_finished (entries by number), conflicted (entries). Scores are never part of it."""
    assignments = list(
        JudgeAssignment.objects.filter(contest=contest).select_related("judge", "panel")
    )
    entries = list(Entry.objects.filter(contest=contest, withdrawn=False).order_by("number"))
    found = conflicts(contest)
    sheets = {
        (judge_id, entry_id): submitted
        for judge_id, entry_id, submitted in ScoreSheet.objects.filter(
            entry__contest=contest
        ).values_list("judge_id", "entry_id", "submitted_at")
    }
    rows = []
    for assignment in assignments:
        mine = [e for e in entries if assignment.panel_id in (None, e.panel_id)]
        conflicted = [e for e in mine if (assignment.judge_id, e.pk) in found]
        to_score = [e for e in mine if (assignment.judge_id, e.pk) not in found]
        done = [e for e in to_score if sheets.get((assignment.judge_id, e.pk))]
        started = [e for e in to_score if (assignment.judge_id, e.pk) in sheets and e not in done]
        rows.append(
            {
                "assignment": assignment,
                "judge": assignment.judge,
                "panel": assignment.panel,
                "to_score": len(to_score),
                "submitted": len(done),
                "started": len(started),
                "not_finished": [e for e in to_score if e not in done],
                "conflicted": conflicted,
            }
        )
    return rows
