"""The health endpoint for load balancers and the metrics page for monitoring."""

from django.test import override_settings
from django.urls import reverse

from kbo.core import monitoring
from tests.core.test_workers import DATABASE_QUEUE


def test_health_reports_each_check(client, db):
    with override_settings(TASKS=DATABASE_QUEUE):
        response = client.get(reverse("core:health"))
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert {body[k]["status"] for k in ("database", "cache", "queue")} == {"ok"}
    assert body["queue"]["ready"] == 0 and body["queue"]["workers"] == 0


def test_health_answers_503_naming_the_failing_check(client, db, monkeypatch):
    def broken():
        raise ConnectionError("cache down")

    monkeypatch.setitem(monitoring.CHECKS, "cache", broken)
    response = client.get(reverse("core:health"))
    body = response.json()
    assert response.status_code == 503 and body["status"] == "error"
    assert body["cache"]["status"] == "error" and body["database"]["status"] == "ok"


def test_metrics_count_responses_and_show_the_queue(client, db):
    with override_settings(TASKS=DATABASE_QUEUE):
        before = client.get("/metrics").content.decode()
        client.get("/no-such-page/")
        text = client.get("/metrics").content.decode()

    def value(page: str, sample: str) -> float:
        line = next(x for x in page.splitlines() if x.startswith(sample + " "))
        return float(line.split()[-1])

    assert (
        value(text, 'kbo_http_requests_total{status="4xx"}')
        == value(before, 'kbo_http_requests_total{status="4xx"}') + 1
    )
    assert "kbo_task_workers 0" in text and 'kbo_jobs{status="running"} 0' in text


def test_metrics_need_the_token_when_one_is_set(client, db):
    with override_settings(KBO_METRICS_TOKEN="s3cret"):
        assert client.get("/metrics").status_code == 401
        answer = client.get("/metrics", headers={"Authorization": "Bearer s3cret"})
        assert answer.status_code == 200
