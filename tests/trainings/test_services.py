"""Training services: enrolment, attendance (replacing earlier marks, attributed),
certificate holders, validation naming the field, and who may change."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kbo.trainings import services
from kbo.trainings.models import Session, SessionAttendance, Trainee, Training


def test_enrol_selected_adds_one_trainee_per_producer_once(training, selected, people, registry):
    producer = registry["producer_a"]
    added = services.enrol_selected(by=people["officer_a"], training=training)
    assert [(t.name, t.organisation, t.group) for t in added] == [
        ("นางบัวคำ จันทร์ดี", producer.name, Trainee.Group.PRODUCER)
    ]
    assert added[0].product == registry["product_a"] and added[0].producer == producer
    assert services.enrol_selected(by=people["officer_a"], training=training) == []
    assert training.trainees.count() == 1


def test_enrol_selected_ignores_products_not_selected(training, selected, people):
    selected.status = "NOT_SELECTED"
    selected.save()
    assert services.enrol_selected(by=people["officer_a"], training=training) == []


def test_enrol_committee_adds_the_current_term_members(training, kbo_network, people):
    added = services.enrol_committee(by=people["officer_a"], training=training)
    assert [t.name for t in added] == ["นายผู้ว่า a", "ผศ.ดร.ออกแบบ a"]  # order of the order
    assert {t.group for t in added} == {Trainee.Group.COMMITTEE}
    assert {t.source for t in added} == {
        kbo_network["chair_seat_a"].person,
        kbo_network["member_seat_a"].person,
    }
    assert services.enrol_committee(by=people["officer_a"], training=training) == []


def test_enrol_committee_takes_only_the_newest_term(training, kbo_network, people):
    from kbo.network.models import CommitteeSeat, Term

    term = Term.objects.create(network=kbo_network["network_a"], starts_on=dt.date(2023, 10, 1))
    CommitteeSeat.objects.create(
        term=term, person=kbo_network["source_a"], role="CHAIR", sector="EDUCATION"
    )
    added = services.enrol_committee(by=people["officer_a"], training=training)
    assert [t.name for t in added] == ["ผศ.ดร.ออกแบบ a"]


def test_attendance_record_replaces_earlier_marks(training, sessions, trainees, people):
    first, second, third = trainees
    session = sessions[0]
    services.attendance_record(
        by=people["officer_a"], session=session, present_ids=[first.pk, second.pk]
    )
    services.attendance_record(by=people["national"], session=session, present_ids=[str(third.pk)])
    marks = {m.trainee_id: m for m in SessionAttendance.objects.filter(session=session)}
    assert {pk: m.present for pk, m in marks.items()} == {
        first.pk: False,
        second.pk: False,
        third.pk: True,
    }
    assert {m.recorded_by for m in marks.values()} == {people["national"]}


def test_attendance_of_someone_not_on_the_course_writes_nothing(
    training, sessions, trainees, training_b, people
):
    with pytest.raises(ValidationError):
        services.attendance_record(
            by=people["officer_a"],
            session=sessions[0],
            present_ids=[trainees[0].pk, training_b["trainee"].pk],
        )
    assert not SessionAttendance.objects.exists()


def test_summary_counts_sessions_and_days(training, sessions, trainees, people):
    first, second, _third = trainees
    for session, present in [
        (sessions[0], [first.pk, second.pk]),
        (sessions[1], [first.pk]),
        (sessions[2], [first.pk]),
    ]:
        services.attendance_record(by=people["officer_a"], session=session, present_ids=present)
    rows = {r.trainee.pk: r for r in services.attendance_summary(training)}
    assert (rows[first.pk].attended, rows[first.pk].total, rows[first.pk].days_attended) == (
        3,
        3,
        2,
    )
    assert (rows[second.pk].attended, rows[second.pk].days_attended) == (1, 1)
    assert rows[trainees[2].pk].attended == 0


def test_certificate_holders_attended_at_least_the_share(training, sessions, trainees, people):
    first, second, third = trainees
    for n in range(2):
        sessions.append(
            Session.objects.create(training=training, day=dt.date(2022, 2, 16), topic=f"S{n}")
        )
    # five sessions: first attends 5 (100%), second 4 (80%), third 3 (60%)
    for i, session in enumerate(sessions):
        present = [first.pk] + ([second.pk] if i < 4 else []) + ([third.pk] if i < 3 else [])
        services.attendance_record(by=people["officer_a"], session=session, present_ids=present)
    holders = services.certificate_holders(training)
    assert [(h.trainee, h.number) for h in holders] == [
        (first, "50/2565/001"),
        (second, "50/2565/002"),
    ]
    assert [h.trainee for h in services.certificate_holders(training, min_share=0.81)] == [first]
    everyone = services.certificate_holders(training, min_share=0.6)
    assert [(h.trainee, h.number) for h in everyone] == [
        (first, "50/2565/001"),
        (third, "50/2565/002"),
        (second, "50/2565/003"),
    ]


def test_a_course_without_sessions_has_no_holders(training, trainees):
    assert services.certificate_holders(training) == []


def test_a_session_outside_the_course_dates_names_the_day(training, people):
    session = Session(training=training, day=dt.date(2022, 2, 19), topic="วันเกิน")
    with pytest.raises(ValidationError) as error:
        services.session_save(by=people["officer_a"], session=session)
    assert "day" in error.value.message_dict
    assert not Session.objects.exists()


def test_a_session_ending_before_it_starts_names_the_end(training, people):
    session = Session(
        training=training,
        day=dt.date(2022, 2, 14),
        starts_at=dt.time(13, 0),
        ends_at=dt.time(9, 0),
        topic="กลับหัว",
    )
    with pytest.raises(ValidationError) as error:
        services.session_save(by=people["officer_a"], session=session)
    assert list(error.value.message_dict) == ["ends_at"]


def test_a_session_has_one_kind_of_lecturer(training, kbo_network, people):
    session = Session(
        training=training,
        day=dt.date(2022, 2, 14),
        topic="สองวิทยากร",
        lecturer=kbo_network["source_a"],
        lecturer_other="บริษัทหนึ่ง",
    )
    with pytest.raises(ValidationError) as error:
        services.session_save(by=people["officer_a"], session=session)
    assert list(error.value.message_dict) == ["lecturer_other"]


def test_a_course_ending_before_it_starts_names_the_end(project, people):
    training = Training(
        project=project, title="ผิดวัน", starts_on=dt.date(2022, 2, 14), ends_on=dt.date(2022, 2, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.training_save(by=people["officer_a"], training=training)
    assert list(error.value.message_dict) == ["ends_on"]
    assert not Training.objects.exists()


def test_shortening_a_course_cannot_strand_its_sessions(training, sessions, people):
    training.ends_on = dt.date(2022, 2, 14)
    with pytest.raises(ValidationError) as error:
        services.training_save(by=people["officer_a"], training=training)
    assert list(error.value.message_dict) == ["ends_on"]
    training.refresh_from_db()
    assert training.ends_on == dt.date(2022, 2, 18)


def test_a_name_is_on_a_course_once(training, trainees, people):
    again = Trainee(training=training, group="OTHER", name=" นางบัวคำ จันทร์ดี ")
    with pytest.raises(ValidationError) as error:
        services.trainee_add(by=people["officer_a"], trainee=again)
    assert list(error.value.message_dict) == ["name"]
    assert training.trainees.count() == 3


def test_a_trainee_needs_a_name_and_a_group(training, people):
    with pytest.raises(ValidationError) as error:
        services.trainee_add(by=people["officer_a"], trainee=Trainee(training=training))
    assert set(error.value.message_dict) == {"name", "group"}


def test_a_producer_of_another_province_is_refused(training, registry, people):
    trainee = Trainee(
        training=training, group="PRODUCER", name="นายบี", producer=registry["producer_b"]
    )
    with pytest.raises(ValidationError) as error:
        services.trainee_add(by=people["officer_a"], trainee=trainee)
    assert list(error.value.message_dict) == ["producer"]


def test_trainee_remove_drops_their_attendance(training, sessions, trainees, people):
    services.attendance_record(
        by=people["officer_a"], session=sessions[0], present_ids=[trainees[0].pk]
    )
    services.trainee_remove(by=people["officer_a"], trainee=trainees[0])
    assert not Trainee.objects.filter(pk=trainees[0].pk).exists()
    assert SessionAttendance.objects.count() == 2


@pytest.mark.parametrize("persona", ["committee_a", "officer_b", "judge_a", "producer_a"])
def test_only_officers_of_the_province_and_national_staff_change(
    persona, training, sessions, trainees, selected, people
):
    by = people[persona]
    calls = [
        lambda: services.training_save(by=by, training=training),
        lambda: services.session_save(by=by, session=sessions[0]),
        lambda: services.trainee_add(by=by, trainee=Trainee(training=training, name="x")),
        lambda: services.trainee_remove(by=by, trainee=trainees[0]),
        lambda: services.attendance_record(by=by, session=sessions[0], present_ids=[]),
        lambda: services.enrol_selected(by=by, training=training),
        lambda: services.enrol_committee(by=by, training=training),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert training.trainees.count() == 3 and not SessionAttendance.objects.exists()


def test_committee_members_of_the_province_read(training, people):
    assert services.can_read(people["committee_a"], training.project)
    assert not services.can_change(people["committee_a"], training.project)
    assert services.can_change(people["national"], training.project)
    assert not services.can_read(people["officer_b"], training.project)
    assert not services.can_read(people["producer_a"], training.project)
