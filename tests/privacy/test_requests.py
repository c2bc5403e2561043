"""Data subject requests: a producer's personal data on request (JSON), and erasure that
keeps every statistic, removes the personal data and the accounts' access, and is audited."""

import datetime as dt
import json

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from kbo.dashboards.data import Scope
from kbo.dashboards.panels import BUILDERS, province_map
from kbo.outcomes import measures
from kbo.privacy import services
from kbo.privacy.fields import ANONYMOUS
from kbo.privacy.models import Erasure, PersonalDataAccess, Purpose
from kbo.programmes.models import Decision
from kbo.registry.models import Certificate, Producer

ID, PHONE = "1101700207030", "0812345678"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("producer_a", 200),
        ("officer_a", 200),
        ("national", 200),
        ("committee_a", 403),
        ("judge_a", 403),
        ("officer_b", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_have_a_producers_data(client_for, registry, persona, status):
    url = reverse("privacy:export", args=[registry["producer_a"].pk])
    assert client_for(persona).get(url).status_code == status


def test_the_export_holds_the_personal_data_with_thai_labels(client_for, registry, people):
    producer = registry["producer_a"]
    services.consent_record(
        by=people["officer_a"], producer=producer, purpose=Purpose.PUBLICATION, given=True
    )
    response = client_for("producer_a").get(reverse("privacy:export", args=[producer.pk]))
    assert response["Content-Type"] == "application/json"
    assert f"personal-data-{producer.code}.json" in response["Content-Disposition"]
    data = json.loads(response.content)
    personal = {f["key"]: f for f in data["personal_data"]}
    assert personal["id_number"]["value"] == ID and personal["phone"]["value"] == PHONE
    assert personal["id_number"]["label"] == "เลขประจำตัวประชาชนหรือเลขทะเบียนนิติบุคคล"
    assert [a["username"] for a in data["accounts"]] == ["producer_a"]
    assert data["consents"][0]["purpose"] == "PUBLICATION" and data["consents"][0]["given"]
    assert data["products"] == [{"code": "500001", "name": "ผ้าฝ้ายทอมือ"}]
    assert data["labels"]["personal_data"] == "ข้อมูลส่วนบุคคล"
    row = PersonalDataAccess.objects.get()
    assert (row.kind, row.user.username) == ("REQUEST", "producer_a")


def figures(user, province) -> dict:
    """Every dashboard panel's rows and the cohort outcomes of the province."""
    scope = Scope(user, 2563, province)
    panels = {name: build(scope).rows for name, build in BUILDERS.items() if name != "map"}
    panels["map"] = province_map(Scope(user, 2563, None)).rows
    found = measures.outcomes(Decision.objects.filter(project__province=province))
    panels["outcomes"] = [
        (o.product_id, o.baseline, o.result, o.stars_before, o.stars_after, o.certificates_gained)
        for o in found
    ]
    return panels


def test_erasure_keeps_every_statistic(dash, people):
    province = dash["producer_a"].province
    before = figures(people["national"], province)
    for producer in Producer.objects.filter(province=province):
        services.producer_erase(by=people["officer_a"], producer=producer, reason="คำขอ")
    assert Producer.objects.filter(province=province, contact_name=ANONYMOUS).exists()
    assert figures(people["national"], province) == before


def test_erasure_removes_the_personal_data_and_the_accounts_access(client_for, registry, people):
    producer = registry["producer_a"]
    certificate = Certificate.objects.get(product__producer=producer)
    certificate.file.save("scan.pdf", ContentFile(b"%PDF scan with a name"))
    name = certificate.file.name
    url = reverse("registry:producer", args=[producer.pk])
    assert client_for("producer_a").get(url).status_code == 200
    client = client_for("officer_a")
    erase = reverse("privacy:erase", args=[producer.pk])
    assert client.get(erase).status_code == 200
    wrong = client.post(erase, {"reason": "คำขอลบข้อมูล", "confirm": "P58001"})
    assert wrong.status_code == 200 and not Erasure.objects.exists()  # confirm by its code
    done = client.post(erase, {"reason": "คำขอลบข้อมูลลงวันที่ 1 มี.ค. 2568", "confirm": "P50001"})
    assert done.status_code == 302

    producer.refresh_from_db()
    assert (producer.id_number, producer.phone, producer.contact_name) == ("", "", ANONYMOUS)
    assert "บัวคำ" not in producer.search_text
    assert not producer.accounts.exists()
    assert not default_storage.exists(name)
    assert Certificate.objects.get(pk=certificate.pk).file.name == ""
    assert producer.products.count() == 1  # products stay
    assert client_for("producer_a").get(url).status_code == 404
    assert client_for("officer_a").get(url).status_code == 200


def test_erasure_is_audited_and_leaves_no_old_value_in_the_history(registry, people):
    producer = registry["producer_a"]
    producer.phone = "0899999999"
    from kbo.registry.services import producer_save

    producer_save(by=people["officer_a"], producer=producer)
    services.producer_erase(by=people["national"], producer=producer, reason="คำขอ")
    entries = LogEntry.objects.get_for_object(producer)
    history = json.dumps([e.changes for e in entries], ensure_ascii=False)
    for value in (ID, "0899999999", "บัวคำ"):
        assert value not in history
    last = entries.order_by("-pk").first()
    assert last.actor == people["national"] and last.additional_data["reason"] == "คำขอ"
    erasure = Erasure.objects.get()
    assert erasure.erased_by == people["national"] and erasure.accounts_unlinked == 1
    assert set(erasure.fields) == {"id_number", "phone", "contact_name"}


def test_an_erasure_cannot_be_repeated_or_done_by_others(client_for, registry, people):
    producer = registry["producer_a"]
    with pytest.raises(ValidationError):
        services.producer_erase(by=people["officer_a"], producer=producer, reason=" ")
    for persona in ("committee_a", "producer_a"):
        response = client_for(persona).post(
            reverse("privacy:erase", args=[producer.pk]), {"reason": "x", "confirm": "P50001"}
        )
        assert response.status_code == 403
    services.producer_erase(by=people["officer_a"], producer=producer, reason="คำขอ")
    with pytest.raises(ValidationError):
        services.producer_erase(by=people["national"], producer=producer, reason="อีกครั้ง")
    assert Erasure.objects.count() == 1


def test_a_single_owners_name_is_erased_with_the_trainees_records(registry, people):
    from kbo.programmes.models import Project
    from kbo.trainings.models import Trainee, Training

    producer = registry["producer_a"]
    Producer.objects.filter(pk=producer.pk).update(producer_type="SINGLE_OWNER")
    project = Project.objects.create(province=producer.province, fiscal_year=2565, name="KBO")
    day = dt.date(2022, 6, 1)
    training = Training.objects.create(
        project=project, title="การตลาดออนไลน์", starts_on=day, ends_on=day
    )
    trainee = Trainee.objects.create(
        training=training, group="PRODUCER", name="นางบัวคำ จันทร์ดี", phone=PHONE, producer=producer
    )
    producer.refresh_from_db()
    services.producer_erase(by=people["officer_a"], producer=producer, reason="คำขอ")
    producer.refresh_from_db()
    trainee.refresh_from_db()
    assert producer.name == f"{ANONYMOUS} (P50001)"
    assert (trainee.name, trainee.phone) == (ANONYMOUS, "")
    assert Trainee.objects.filter(training=training).count() == 1  # still counted
