"""Every read of personal data in clear is logged: one row per request, with who, what and
the request id; national staff read the log."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kbo.privacy.models import PersonalDataAccess


def inserts(captured) -> int:
    return sum(
        1
        for q in captured.captured_queries
        if q["sql"].startswith("INSERT") and "privacy_personaldataaccess" in q["sql"]
    )


def test_a_producer_page_in_clear_writes_one_row(client_for, registry):
    producer = registry["producer_a"]
    with CaptureQueriesContext(connection) as captured:
        response = client_for("officer_a").get(reverse("registry:producer", args=[producer.pk]))
    assert inserts(captured) == 1
    row = PersonalDataAccess.objects.get()
    assert (row.user.username, row.model, row.object_id, row.kind) == (
        "officer_a",
        "registry.producer",
        producer.pk,
        "VIEW",
    )
    assert set(row.fields) == {"id_number", "phone", "contact_name"}
    assert row.province_id == producer.province_id
    assert row.request_id == response["X-Request-ID"]


def test_each_view_is_one_more_row_with_its_own_actor(client_for, registry):
    url = reverse("registry:producer", args=[registry["producer_a"].pk])
    for persona in ("officer_a", "producer_a", "national", "officer_a"):
        client_for(persona).get(url)
    assert list(
        PersonalDataAccess.objects.order_by("pk").values_list("user__username", flat=True)
    ) == ["officer_a", "producer_a", "national", "officer_a"]


def test_nothing_in_clear_is_nothing_logged(client_for, registry):
    client_for("judge_a").get(reverse("registry:producer", args=[registry["producer_a"].pk]))
    assert not PersonalDataAccess.objects.exists()
    client_for("committee_a").get(reverse("registry:producer", args=[registry["producer_a"].pk]))
    assert PersonalDataAccess.objects.get().fields == ["contact_name"]


def test_the_passport_the_api_and_exports_are_logged(client_for, api_for, registry):
    client = client_for("officer_a")
    client.get(reverse("registry:product", args=[registry["product_a"].pk]))
    api_for("officer_a").get(f"/api/v1/producers/{registry['producer_a'].pk}/")
    client.get(reverse("registry:producers"), {"export": "csv"})
    client.get(reverse("registry:products"), {"export": "csv"})  # no personal column
    rows = list(PersonalDataAccess.objects.order_by("pk").values_list("kind", "object_id"))
    pk = registry["producer_a"].pk
    assert rows == [("VIEW", pk), ("API", pk), ("EXPORT", None)]


def test_national_staff_filter_the_log(client_for, registry, people):
    url = reverse("registry:producer", args=[registry["producer_a"].pk])
    client_for("officer_a").get(url)
    client_for("producer_a").get(url)
    client_for("national").get(reverse("registry:producer", args=[registry["producer_b"].pk]))
    log = reverse("privacy:access_log")
    national = client_for("national")

    def who(**params) -> list[str]:
        page = national.get(log, params).context["page"]
        return sorted(row.user.username for row in page)

    assert who() == ["national", "officer_a", "producer_a"]
    assert who(record=registry["producer_a"].pk) == ["officer_a", "producer_a"]
    assert who(person="producer_a") == ["producer_a"]
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    assert who(since=tomorrow.isoformat()) == []
    assert client_for("officer_a").get(log).status_code == 403
