"""Personal fields are in clear only for the roles that need them, the same way on the
producer page, the passport, the API, exports and the history page."""

import csv
import io

import pytest
from django.urls import reverse

from kbo.core.models import Job
from kbo.privacy import fields
from kbo.registry import services as registry_services

ID, ID_MASKED = "1101700207030", "1-xxxx-xxxxx-03-0"
PHONE, PHONE_MASKED = "0812345678", "xxx-xxx-5678"
CONTACT, CONTACT_MASKED = "นางบัวคำ จันทร์ดี", "นางบัวคำ จ."


def test_the_masks_hide_the_middle():
    assert fields.mask_id13(ID) == ID_MASKED
    assert fields.mask_phone("081-234-5678") == PHONE_MASKED
    assert fields.mask_name(CONTACT) == CONTACT_MASKED
    assert fields.mask_email("somchai@example.org") == "s***@example.org"


def page(client_for, persona, name, pk) -> str:
    response = client_for(persona).get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["officer_a", "producer_a", "national"])
def test_officers_national_staff_and_the_producer_see_it_all(client_for, registry, persona):
    html = page(client_for, persona, "registry:producer", registry["producer_a"].pk)
    assert ID in html and PHONE in html and CONTACT in html


def test_the_committee_sees_the_contact_person_but_not_the_id_or_phone(client_for, registry):
    html = page(client_for, "committee_a", "registry:producer", registry["producer_a"].pk)
    assert ID not in html and ID_MASKED in html
    assert PHONE not in html and PHONE_MASKED in html
    assert CONTACT in html


def test_a_judge_sees_every_personal_field_masked(client_for, registry):
    html = page(client_for, "judge_a", "registry:producer", registry["producer_a"].pk)
    assert ID not in html and PHONE not in html and CONTACT not in html
    assert CONTACT_MASKED in html and ID_MASKED in html


@pytest.mark.parametrize(
    ("persona", "contact"),
    [("officer_a", f"{CONTACT} · {PHONE}"), ("judge_a", f"{CONTACT_MASKED} · {PHONE_MASKED}")],
)
def test_the_passport_shows_the_contact_as_the_role_may_see_it(
    client_for, registry, persona, contact
):
    html = page(client_for, persona, "registry:product", registry["product_a"].pk)
    assert f'data-testid="contact">{contact}</dd>' in html


def test_the_api_masks_by_role(api_for, registry):
    url = f"/api/v1/producers/{registry['producer_a'].pk}/"
    officer = api_for("officer_a").get(url).json()
    assert (officer["id_number"], officer["phone"], officer["contact_name"]) == (ID, PHONE, CONTACT)
    judge = api_for("judge_a").get(url).json()
    assert (judge["id_number"], judge["phone"], judge["contact_name"]) == (
        ID_MASKED,
        PHONE_MASKED,
        CONTACT_MASKED,
    )
    assert judge["personal_data_masked"] is True
    listed = api_for("committee_a").get("/api/v1/producers/").json()["results"][0]
    assert (listed["id_number"], listed["contact_name"]) == (ID_MASKED, CONTACT)


def export(client, url) -> dict[str, str]:
    """The producer of province A's row in a CSV export of the producers list."""
    client.get(url, {"export": "csv", "province": "50"})
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.message
    content = b"".join(client.get(reverse("core:job_download", args=[job.pk])).streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return dict(zip(rows[0], rows[1], strict=True))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("officer_a", (CONTACT, PHONE, ID)), ("judge_a", (CONTACT_MASKED, PHONE_MASKED, ID_MASKED))],
)
def test_an_export_follows_the_same_rule(client_for, registry, persona, expected):
    values = export(client_for(persona), reverse("registry:producers"))
    assert (values["contact_name"], values["phone"], values["citizen_id"]) == expected


def test_the_history_page_masks_old_values_too(client_for, registry, people):
    producer = registry["producer_a"]
    producer.phone = "0899999999"
    registry_services.producer_save(by=people["officer_a"], producer=producer)
    url = reverse("accounts:history", args=["registry.producer", producer.pk])
    judge = client_for("judge_a").get(url).content.decode()
    assert "0899999999" not in judge and "xxx-xxx-9999" in judge
    officer = client_for("officer_a").get(url).content.decode()
    assert "0899999999" in officer


def test_knowledge_source_contacts_are_for_signed_in_users(api_for, kbo_network):
    from kbo.network.models import KnowledgeSource

    source = KnowledgeSource.objects.create(
        kind="EXPERT", name="ผู้เชี่ยวชาญ", phone="0812345678", email="x@example.org"
    )
    url = f"/api/v1/knowledge-sources/{source.pk}/"
    assert api_for("anonymous").get(url).json()["email"] == ""
    assert api_for("judge_a").get(url).json()["email"] == "x@example.org"


def test_every_inventoried_field_exists_on_its_model():
    from django.apps import apps

    for field in fields.FIELDS:
        apps.get_model(field.model)._meta.get_field(field.field)
