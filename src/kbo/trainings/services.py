"""Trainings of a yearly project: the course, its sessions, who is trained, who attended.

Officers of the project's province and national staff change trainings (PermissionDenied
otherwise); committee members of the province may read them. Every change is audited
(django-auditlog) and attendance keeps who recorded it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.network.models import Network
from kbo.programmes.models import Decision, Project
from kbo.trainings.models import Session, SessionAttendance, Trainee, Training

READ_ROLES = (Role.OFFICER, Role.COMMITTEE)


def can_change(user, project: Project) -> bool:
    """Officers of the project's province and national staff."""
    return access.can_manage_province(user, project.province_id)


def can_read(user, project: Project) -> bool:
    """Those who change, and committee members of the project's province."""
    return can_change(user, project) or project.province_id in access.province_ids(
        user, roles=[Role.COMMITTEE]
    )


def _require_change(by, project: Project) -> None:
    if not can_change(by, project):
        raise PermissionDenied(_("You may not change the trainings of this province."))


@transaction.atomic
def training_save(*, by, training: Training) -> Training:
    """Create or change a course; its sessions must stay inside its dates."""
    _require_change(by, training.project)
    training.full_clean()
    if training.pk:
        outside = training.sessions.exclude(
            day__gte=training.starts_on, day__lte=training.ends_on
        ).order_by("day")
        first = outside.first()
        if first is not None:
            field = "starts_on" if first.day < training.starts_on else "ends_on"
            raise ValidationError(
                {field: _("A session of this course is held outside these dates; move it first.")}
            )
    training.save()
    return training


@transaction.atomic
def session_save(*, by, session: Session) -> Session:
    """Create or change a session (its day inside the course dates, one kind of lecturer)."""
    _require_change(by, session.training.project)
    if session.lecturer_id and session.lecturer_other.strip():
        raise ValidationError(
            {"lecturer_other": _("Choose a knowledge source or type a name, not both.")}
        )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def trainee_add(*, by, trainee: Trainee) -> Trainee:
    """Add a person to the course (once per name; a producer of the project's province)."""
    training = trainee.training
    _require_change(by, training.project)
    trainee.name = trainee.name.strip()
    trainee.full_clean(validate_unique=False, validate_constraints=False)
    producer = trainee.producer
    if producer is not None and producer.province_id != training.project.province_id:
        raise ValidationError({"producer": _("This producer is not of the project's province.")})
    if training.trainees.filter(name=trainee.name).exclude(pk=trainee.pk).exists():
        raise ValidationError(
            {"name": _("%(name)s is already a trainee of this course.") % {"name": trainee.name}}
        )
    trainee.save()
    return trainee


@transaction.atomic
def trainee_remove(*, by, trainee: Trainee) -> None:
    """Take a person off the course, with their attendance."""
    _require_change(by, trainee.training.project)
    trainee.delete()


@transaction.atomic
def attendance_record(*, by, session: Session, present_ids: Iterable[int]) -> int:
    """Mark every trainee of the course present (when in `present_ids`) or absent for the
    session, replacing earlier marks; returns how many are present."""
    training = session.training
    _require_change(by, training.project)
    present = {int(pk) for pk in present_ids}
    trainees = list(training.trainees.all())
    unknown = present - {t.pk for t in trainees}
    if unknown:
        raise ValidationError(_("Some of the people ticked are not trainees of this course."))
    marks = {m.trainee_id: m for m in session.attendance.select_for_update()}
    for trainee in trainees:
        is_present = trainee.pk in present
        mark = marks.get(trainee.pk)
        if mark is None:
            SessionAttendance.objects.create(
                session=session, trainee=trainee, present=is_present, recorded_by=by
            )
        elif mark.present != is_present or mark.recorded_by_id != by.pk:
            mark.present, mark.recorded_by = is_present, by
            mark.save(update_fields=["present", "recorded_by", "recorded_at"])
    return len(present)


@transaction.atomic
def enrol_selected(*, by, training: Training) -> list[Trainee]:
    """One trainee per producer of the project's selected products (its contact person,
    or the producer's name), skipping producers and names already on the course."""
    _require_change(by, training.project)
    decisions = (
        Decision.objects.filter(project=training.project, status=Decision.Status.SELECTED)
        .select_related("product__producer")
        .order_by("product__code")
    )
    producers = set(training.trainees.exclude(producer=None).values_list("producer", flat=True))
    names = set(training.trainees.values_list("name", flat=True))
    added = []
    for decision in decisions:
        producer = decision.product.producer
        name = (producer.contact_name or producer.name).strip()
        if producer.pk in producers or name in names:
            continue
        added.append(
            Trainee.objects.create(
                training=training,
                group=Trainee.Group.PRODUCER,
                name=name,
                organisation=producer.name[:200],
                producer=producer,
                product=decision.product,
                phone=producer.phone,
            )
        )
        producers.add(producer.pk)
        names.add(name)
    return added


@transaction.atomic
def enrol_committee(*, by, training: Training) -> list[Trainee]:
    """The members of the current term of the province's KBO committee, skipping those
    already on the course."""
    _require_change(by, training.project)
    network = Network.objects.filter(province_id=training.project.province_id).first()
    term = network.current_term() if network else None
    if term is None:
        return []
    sources = set(training.trainees.exclude(source=None).values_list("source", flat=True))
    names = set(training.trainees.values_list("name", flat=True))
    added = []
    for seat in term.seats.select_related("person").order_by("order", "id"):
        person = seat.person
        if person.pk in sources or person.name in names:
            continue
        added.append(
            Trainee.objects.create(
                training=training,
                group=Trainee.Group.COMMITTEE,
                name=person.name,
                organisation=seat.organisation or person.organisation,
                source=person,
                phone=person.phone,
            )
        )
        sources.add(person.pk)
        names.add(person.name)
    return added


@dataclass
class TraineeSummary:
    trainee: Trainee
    attended: int
    total: int
    days_attended: int
    number: str = ""  # certificate number, for holders

    @property
    def share(self) -> float:
        return self.attended / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)


def attendance_summary(training: Training) -> list[TraineeSummary]:
    """Per trainee (in group and name order): sessions attended of all, and days attended."""
    total = training.sessions.count()
    attended: dict[int, set[tuple[int, object]]] = {}
    for trainee_id, session_id, day in SessionAttendance.objects.filter(
        session__training=training, present=True
    ).values_list("trainee_id", "session_id", "session__day"):
        attended.setdefault(trainee_id, set()).add((session_id, day))
    rows = []
    for trainee in training.trainees.select_related("producer", "product", "source"):
        marks = attended.get(trainee.pk, set())
        rows.append(
            TraineeSummary(
                trainee=trainee,
                attended=len(marks),
                total=total,
                days_attended=len({day for _session, day in marks}),
            )
        )
    return rows


def certificate_holders(training: Training, min_share: float = 0.8) -> list[TraineeSummary]:
    """Trainees who attended at least `min_share` of the sessions, numbered
    `<province code>/<fiscal year>/<NNN>` in group and name order."""
    holders = [
        row for row in attendance_summary(training) if row.total and row.share >= min_share - 1e-9
    ]
    project = training.project
    for n, row in enumerate(holders, start=1):
        row.number = f"{project.province.code}/{project.fiscal_year}/{n:03d}"
    return holders
