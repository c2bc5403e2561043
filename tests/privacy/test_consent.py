"""Consents: recorded and withdrawn by officers, kept as a history, audited; the showcase's
rule for publishing a producer's contact details."""

from auditlog.models import LogEntry
from django.urls import reverse

from kbo.privacy import services
from kbo.privacy.models import Consent, Purpose
from kbo.registry.models import Product

PUBLICATION = Purpose.PUBLICATION


def record(client, producer, given: bool, evidence: str = ""):
    return client.post(
        reverse("privacy:consent_record", args=[producer.pk]),
        {"purpose": PUBLICATION, "given": "1" if given else "0", "evidence": evidence},
    )


def test_an_officer_records_and_withdraws_a_consent(client_for, registry, people):
    producer = registry["producer_a"]
    client = client_for("officer_a")
    assert record(client, producer, True, "แบบฟอร์มเลขที่ 12/2568").status_code == 302
    assert services.consent_state(producer)[PUBLICATION].given is True
    record(client, producer, False)
    state = services.consent_state(producer)
    assert state[PUBLICATION].given is False
    assert state[Purpose.RECORD_KEEPING] is None  # never asked
    history = list(producer.consents.values_list("given", "recorded_by__username", "evidence"))
    assert history == [(False, "officer_a", ""), (True, "officer_a", "แบบฟอร์มเลขที่ 12/2568")]
    entries = LogEntry.objects.get_for_model(Consent)
    assert entries.count() == 2
    assert {e.actor.username for e in entries} == {"officer_a"}


def test_the_page_shows_the_state_and_the_history(client_for, registry, people):
    producer = registry["producer_a"]
    services.consent_record(
        by=people["officer_a"], producer=producer, purpose=PUBLICATION, given=True
    )
    html = client_for("producer_a").get(reverse("privacy:producer", args=[producer.pk]))
    text = html.content.decode()
    assert html.status_code == 200 and "สมชาย" in text  # who recorded it
    assert 'name="evidence"' not in text  # the producer reads, officers record


def test_only_the_provinces_officers_record_consents(client_for, registry):
    producer = registry["producer_a"]
    assert record(client_for("committee_a"), producer, True).status_code == 403
    assert record(client_for("producer_a"), producer, True).status_code == 403
    assert record(client_for("officer_b"), producer, True).status_code == 404
    assert not Consent.objects.exists()


def test_contact_details_may_be_published_only_with_a_given_consent(registry, people):
    a, b = registry["producer_a"], registry["producer_b"]
    officer_a, officer_b = people["officer_a"], people["officer_b"]
    assert services.publication_allowed([a.pk, b.pk]) == set()
    services.consent_record(by=officer_a, producer=a, purpose=PUBLICATION, given=True)
    services.consent_record(by=officer_b, producer=b, purpose=PUBLICATION, given=True)
    services.consent_record(by=officer_b, producer=b, purpose=PUBLICATION, given=False)
    services.consent_record(
        by=officer_b, producer=b, purpose=Purpose.RECORD_KEEPING, given=True
    )  # another purpose does not count
    assert services.publication_allowed([a.pk, b.pk]) == {a.pk}
    products = Product.objects.annotate(
        publish=services.consent_given(PUBLICATION, "producer")
    ).order_by("code")
    assert [(p.code, p.publish) for p in products] == [("500001", True), ("580001", False)]
