"""Judges saving sheets of the same contest at the same time lose nothing: every score is
stored once. Runs with real concurrent connections on PostgreSQL; on SQLite the sheets are
saved one at a time inside the process (see kbo.contests.scoring)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from kbo.contests import services
from kbo.contests.models import Score, ScoreSheet
from tests.contests.conftest import scores_of


def run_together(jobs) -> list[BaseException]:
    """Start every job at once, each in its own thread (and database connection)."""
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def work(job):
        try:
            start.wait()
            job()
        except BaseException as error:  # reported to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_judges_scoring_at_once_store_every_score_once(contest_world):
    contest = contest_world["contest"]
    judges, entries = contest_world["judges"], contest_world["entries"]
    criteria = list(contest.criteria.order_by("order"))
    found = services.conflicts(contest)
    work = [(j, e) for j in judges for e in entries if (j.pk, e.pk) not in found]

    def judge_scores(judge, offset):
        def job():
            for n, entry in enumerate(entries, 1):
                if (judge.pk, entry.pk) in found:
                    continue
                value = (n + offset) % 11
                half = {c.pk: (value, "") for c in criteria[:4]}
                services.sheet_save(by=judge, entry=entry, scores=half)
                services.sheet_save(
                    by=judge, entry=entry, scores=scores_of(contest, value), submit=True
                )

        return job

    # Each judge works through every entry; judge 3 also double-taps on two phones.
    jobs = [judge_scores(judge, i) for i, judge in enumerate(judges)]
    jobs.append(judge_scores(judges[2], 2))
    errors = run_together(jobs)
    assert errors == []
    assert ScoreSheet.objects.count() == len(work) == 38
    assert Score.objects.count() == len(work) * len(criteria)
    assert not ScoreSheet.objects.filter(submitted_at__isnull=True).exists()
    for i, judge in enumerate(judges):
        for n, entry in enumerate(entries, 1):
            if (judge.pk, entry.pk) in found:
                continue
            values = set(
                Score.objects.filter(sheet__judge=judge, sheet__entry=entry).values_list(
                    "value", flat=True
                )
            )
            assert values == {Decimal((n + i) % 11)}


@pytest.mark.django_db(transaction=True)
def test_the_first_save_of_one_sheet_from_many_requests_makes_one_sheet(contest_world):
    contest = contest_world["contest"]
    judge, entry = contest_world["judges"][3], contest_world["entries"][0]
    criteria = list(contest.criteria.order_by("order"))

    def save(criterion):
        return lambda: services.sheet_save(by=judge, entry=entry, scores={criterion.pk: (5, "")})

    errors = run_together([save(c) for c in criteria])
    assert errors == []
    sheet = ScoreSheet.objects.get(judge=judge, entry=entry)
    assert sheet.scores.count() == len(criteria)
