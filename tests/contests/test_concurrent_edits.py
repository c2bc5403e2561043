"""A judge's score sheet open in two tabs (or on a phone and a laptop): the first save wins,
the second is told and keeps what was typed; saving again and again from one page never
conflicts with itself (each answer carries the sheet's new version)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kbo.contests import services
from kbo.contests.models import Score, ScoreSheet
from kbo.core.locking import StaleEdit
from tests.contests.conftest import scores_of
from tests.core.test_locking import STALE_TH, opened, run_together


def _fill(data: dict, criteria, value: str) -> dict:
    return {**data, **{f"score_{c.pk}": value for c in criteria}, "save": "1"}


def test_the_second_tab_is_refused_and_keeps_what_the_judge_typed(contest_world, client_for):
    contest, entry = contest_world["contest"], contest_world["entries"][0]
    criteria = list(contest.criteria.order_by("order"))
    url = reverse("contests:score", args=[entry.pk])
    phone, laptop = client_for("judge_a"), client_for("judge_a")
    on_phone, on_laptop = opened(phone, url), opened(laptop, url)
    assert on_phone["version"] == on_laptop["version"] == "0"  # no sheet yet

    assert phone.post(url, _fill(on_phone, criteria, "7")).status_code == 302
    response = laptop.post(url, {**_fill(on_laptop, criteria, "9"), "comment": "สวยมาก"})

    assert response.status_code == 409
    html = response.content.decode()
    assert STALE_TH in html and "คุณเอง ในแท็บหรืออุปกรณ์อื่น" in html
    form = response.context["form"]
    assert form[f"score_{criteria[0].pk}"].value() == "9" and form["comment"].value() == "สวยมาก"
    assert "ค่าที่บันทึกไว้ล่าสุด: 7.00" in html
    assert form["version"].value() == "1"
    sheet = ScoreSheet.objects.get(entry=entry, judge=contest_world["judges"][0])
    assert sheet.version == 1 and sheet.comment == ""
    assert set(sheet.scores.values_list("value", flat=True)) == {Decimal(7)}


def test_saving_again_and_again_from_one_page_never_conflicts(contest_world, client_for):
    contest, entry = contest_world["contest"], contest_world["entries"][0]
    criteria = list(contest.criteria.order_by("order"))
    url = reverse("contests:score", args=[entry.pk])
    phone = client_for("judge_a")
    for n, value in enumerate(("5", "6", "8"), 1):
        response = phone.post(url, _fill(opened(phone, url), criteria, value))
        assert response.status_code == 302 and response.url == url
        assert ScoreSheet.objects.get(entry=entry, judge=contest_world["judges"][0]).version == n
    assert set(Score.objects.filter(sheet__entry=entry).values_list("value", flat=True)) == {
        Decimal(8)
    }


def test_the_api_answers_409_to_a_stale_version_and_gives_the_new_one(contest_world, people):
    from rest_framework.test import APIClient

    contest, entry = contest_world["contest"], contest_world["entries"][0]
    client = APIClient()
    client.force_authenticate(people["judge_a"])
    url = reverse("api:contest-scores", args=[contest.pk])
    body = {
        "entry": entry.pk,
        "scores": [{"criterion": c.pk, "value": "6"} for c in contest.criteria.all()],
    }
    first = client.post(url, {**body, "version": 0}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 1
    again = client.post(url, {**body, "version": first.json()["version"]}, format="json")
    assert again.status_code == 200 and again.json()["version"] == 2
    stale = client.post(url, {**body, "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["version"] == 2
    assert "ระเบียนนี้ถูกแก้ไขโดย" in stale.json()["detail"]
    unchecked = client.post(url, body, format="json")  # no version: as before
    assert unchecked.status_code == 200 and unchecked.json()["version"] == 3


@pytest.mark.django_db(transaction=True)
def test_two_phones_saving_at_the_same_moment_one_wins_one_is_refused(contest_world):
    """Real simultaneous writers (on PostgreSQL two connections; on SQLite the sheets take
    turns in the process, see kbo.contests.scoring)."""
    contest, entry = contest_world["contest"], contest_world["entries"][0]
    judge = contest_world["judges"][0]
    services.sheet_save(by=judge, entry=entry, scores=scores_of(contest, 5), version=0)

    def save(value):
        def job():
            services.sheet_save(by=judge, entry=entry, scores=scores_of(contest, value), version=1)
            return value

        return job

    results, errors = run_together([save(8), save(9)])
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], StaleEdit)
    sheet = ScoreSheet.objects.get(entry=entry, judge=judge)
    assert sheet.version == 2
    assert set(sheet.scores.values_list("value", flat=True)) == {Decimal(results[0])}
