"""A yearly project of Chiang Mai with one selected product, and a five-day course
(14–18 February 2022, BE 2565) with two sessions on day 1 and one on day 2."""

import datetime as dt

import pytest

from kbo.programmes.models import Criteria, Decision, Project
from kbo.trainings.models import Session, Trainee, Training


@pytest.fixture
def project(geo, people):
    project = Project.objects.create(
        province=geo["50"], fiscal_year=2565, name="โครงการ KBO เชียงใหม่ 2565"
    )
    Criteria.objects.create(project=project, **Criteria.defaults())
    return project


@pytest.fixture
def selected(project, registry, people):
    """The product of province A selected for the project."""
    return Decision.objects.create(
        project=project,
        product=registry["product_a"],
        status=Decision.Status.SELECTED,
        decided_by=people["officer_a"],
    )


@pytest.fixture
def training(project):
    training = Training.objects.create(
        project=project,
        title="การพัฒนาผลิตภัณฑ์สู่ตลาดอาเซียน",
        starts_on=dt.date(2022, 2, 14),
        ends_on=dt.date(2022, 2, 18),
        venue="โรงแรมเชียงใหม่ภูคำ",
    )
    assert training.days == 5
    return training


@pytest.fixture
def sessions(training, kbo_network):
    return [
        Session.objects.create(
            training=training,
            day=dt.date(2022, 2, 14),
            starts_at=dt.time(9, 0),
            ends_at=dt.time(12, 0),
            topic="การคิดเชิงธุรกิจ",
            lecturer=kbo_network["source_a"],
        ),
        Session.objects.create(
            training=training,
            day=dt.date(2022, 2, 14),
            starts_at=dt.time(13, 0),
            ends_at=dt.time(16, 0),
            topic="อัตลักษณ์วัฒนธรรมล้านนา",
            lecturer_other="บริษัท ดีไซน์ล้านนา จำกัด",
        ),
        Session.objects.create(
            training=training,
            day=dt.date(2022, 2, 15),
            starts_at=dt.time(9, 0),
            topic="การขายออนไลน์",
            lecturer_other="นายตลาด ออนไลน์",
        ),
    ]


@pytest.fixture
def trainees(training):
    """Three people: two producers' representatives and one other."""
    return [
        Trainee.objects.create(
            training=training, group=Trainee.Group.PRODUCER, name=name, organisation=org
        )
        for name, org in [
            ("นางบัวคำ จันทร์ดี", "กลุ่มทอผ้าบ้านศรีภูมิ"),
            ("นายสมศักดิ์ ใจดี", "กลุ่มจักสานบ้านป่าตึง"),
            ("นางสาวมะลิ วงศ์ใหญ่", "สำนักงานพัฒนาชุมชนอำเภอเมือง"),
        ]
    ]


@pytest.fixture
def training_b(geo):
    project = Project.objects.create(province=geo["58"], fiscal_year=2565, name="โครงการ B")
    training = Training.objects.create(
        project=project,
        title="หลักสูตรแม่ฮ่องสอน",
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2022, 3, 2),
    )
    session = Session.objects.create(training=training, day=dt.date(2022, 3, 1), topic="ทอผ้า")
    trainee = Trainee.objects.create(training=training, group="OTHER", name="นายบี")
    return {"training": training, "session": session, "trainee": trainee}
