"""Training pages: the course page in Thai, the forms saving through the services (with
field errors), attendance ticked on a phone-sized grid, and province isolation."""

import datetime as dt

from auditlog.models import LogEntry
from django.urls import reverse

from kbo.trainings.models import Session, SessionAttendance, Trainee, Training


def test_an_officer_adds_a_training_to_a_project(client_for, project, people):
    client = client_for("officer_a")
    response = client.post(
        reverse("trainings:training_add", args=[project.pk]),
        {
            "title": "การออกแบบบรรจุภัณฑ์",
            "starts_on": "2022-02-14",
            "ends_on": "2022-02-18",
            "venue": "ศาลากลางจังหวัดเชียงใหม่",
            "organiser": "",
            "description": "",
        },
    )
    training = Training.objects.get()
    assert response["Location"] == reverse("trainings:training", args=[training.pk])
    assert training.project == project and training.days == 5
    assert LogEntry.objects.get_for_object(training).get().actor == people["officer_a"]
    listing = client.get(reverse("trainings:project_trainings", args=[project.pk]))
    assert "การออกแบบบรรจุภัณฑ์" in listing.content.decode()
    assert "14 – 18 กุมภาพันธ์ 2565" in listing.content.decode()


def test_a_training_ending_before_it_starts_is_refused_on_the_field(client_for, project):
    response = client_for("officer_a").post(
        reverse("trainings:training_add", args=[project.pk]),
        {"title": "ผิด", "starts_on": "2022-02-14", "ends_on": "2022-02-01"},
    )
    assert response.status_code == 200 and not Training.objects.exists()
    assert "ends_on" in response.context["form"].errors


def test_the_course_page_shows_days_sessions_and_counts_in_thai(
    client_for, training, sessions, trainees, people
):
    from kbo.trainings.services import attendance_record

    attendance_record(
        by=people["officer_a"], session=sessions[0], present_ids=[trainees[0].pk, trainees[1].pk]
    )
    html = client_for("committee_a").get(reverse("trainings:training", args=[training.pk]))
    text = html.content.decode()
    for expected in [
        "การพัฒนาผลิตภัณฑ์สู่ตลาดอาเซียน",
        "14 – 18 กุมภาพันธ์ 2565",
        "15 กุมภาพันธ์ 2565",
        "09:00–12:00",
        "การคิดเชิงธุรกิจ",
        "ผศ.ดร.ออกแบบ a",
        "บริษัท ดีไซน์ล้านนา จำกัด",
        "นางบัวคำ จันทร์ดี",
        "โรงแรมเชียงใหม่ภูคำ",
    ]:
        assert expected in text, expected
    assert f'data-testid="present-{sessions[0].pk}">2 / 3' in text
    # A committee member reads: no change buttons.
    assert reverse("trainings:attendance", args=[sessions[0].pk]) not in text
    assert reverse("trainings:session_add", args=[training.pk]) not in text


def test_a_session_is_added_and_a_day_outside_the_course_is_refused(
    client_for, training, kbo_network
):
    client = client_for("officer_a")
    url = reverse("trainings:session_add", args=[training.pk])
    form = client.get(url).context["form"]
    assert kbo_network["source_a"] in form.fields["lecturer"].queryset
    assert kbo_network["source_b"] not in form.fields["lecturer"].queryset
    data = {
        "day": "2022-02-20",
        "starts_at": "09:00",
        "ends_at": "12:00",
        "topic": "การทำต้นแบบ",
        "lecturer": kbo_network["source_a"].pk,
        "lecturer_other": "",
    }
    refused = client.post(url, data)
    assert "day" in refused.context["form"].errors and not Session.objects.exists()
    client.post(url, {**data, "day": "2022-02-16"})
    session = Session.objects.get()
    assert session.lecturer == kbo_network["source_a"] and session.day == dt.date(2022, 2, 16)
    client.post(
        reverse("trainings:session_edit", args=[session.pk]),
        {**data, "day": "2022-02-17", "lecturer": "", "lecturer_other": "บริษัทหนึ่ง"},
    )
    session.refresh_from_db()
    assert session.day == dt.date(2022, 2, 17) and session.lecturer_name == "บริษัทหนึ่ง"


def test_trainees_are_added_enrolled_and_removed(client_for, training, selected, kbo_network):
    client = client_for("officer_a")
    url = reverse("trainings:trainees", args=[training.pk])
    client.post(url, {"action": "add", "group": "OTHER", "name": "นายดี มีสุข"})
    again = client.post(url, {"action": "add", "group": "OTHER", "name": "นายดี มีสุข"})
    assert "name" in again.context["form"].errors
    client.post(url, {"action": "selected"})
    client.post(url, {"action": "committee"})
    names = set(training.trainees.values_list("name", flat=True))
    assert names == {"นายดี มีสุข", "นางบัวคำ จันทร์ดี", "นายผู้ว่า a", "ผศ.ดร.ออกแบบ a"}
    other = Trainee.objects.get(name="นายดี มีสุข")
    response = client.post(reverse("trainings:trainee_remove", args=[other.pk]))
    assert response["Location"] == url and not Trainee.objects.filter(pk=other.pk).exists()


def test_attendance_is_ticked_and_saved(client_for, training, sessions, trainees, people):
    client = client_for("officer_a")
    url = reverse("trainings:attendance", args=[sessions[1].pk])
    page = client.get(url).content.decode()
    assert page.count('type="checkbox" name="present"') == 3 and "นางสาวมะลิ วงศ์ใหญ่" in page
    response = client.post(url, {"present": [trainees[0].pk, trainees[2].pk]})
    assert response["Location"] == reverse("trainings:training", args=[training.pk])
    marks = dict(
        SessionAttendance.objects.filter(session=sessions[1]).values_list("trainee", "present")
    )
    assert marks == {trainees[0].pk: True, trainees[1].pk: False, trainees[2].pk: True}
    mark = SessionAttendance.objects.get(session=sessions[1], trainee=trainees[0])
    assert mark.recorded_by == people["officer_a"]
    assert LogEntry.objects.get_for_object(mark).get().actor == people["officer_a"]
    again = client.get(url).content.decode()
    assert again.count("checked") == 2


def test_attendance_for_another_courses_trainee_writes_nothing(
    client_for, sessions, trainees, training_b
):
    url = reverse("trainings:attendance", args=[sessions[0].pk])
    response = client_for("officer_a").post(
        url, {"present": [trainees[0].pk, training_b["trainee"].pk]}
    )
    assert response.status_code == 200 and not SessionAttendance.objects.exists()


def test_another_provinces_training_answers_404(client_for, training_b):
    client = client_for("officer_a")
    assert (
        client.get(reverse("trainings:training", args=[training_b["training"].pk])).status_code
        == 404
    )
    url = reverse("trainings:attendance", args=[training_b["session"].pk])
    assert client.post(url, {"present": [training_b["trainee"].pk]}).status_code == 404
    remove = reverse("trainings:trainee_remove", args=[training_b["trainee"].pk])
    assert client.post(remove).status_code == 404
    assert Trainee.objects.filter(pk=training_b["trainee"].pk).exists()
    assert not SessionAttendance.objects.exists()


def test_a_committee_member_may_not_record_attendance(client_for, sessions, trainees):
    url = reverse("trainings:attendance", args=[sessions[0].pk])
    assert client_for("committee_a").post(url, {"present": [trainees[0].pk]}).status_code == 403
    remove = reverse("trainings:trainee_remove", args=[trainees[0].pk])
    assert client_for("committee_a").post(remove).status_code == 403
    assert not SessionAttendance.objects.exists() and Trainee.objects.count() == 3
