"""Optimistic locking (kbo.core.locking): a save claims the record at the version its form
was opened at; a save from an older version is refused with who and when, and the form
keeps the person's values with the saved ones beside them.

`opened()` and `run_together()` are shared with the apps' tests/<app>/test_concurrent_edits.py."""

import threading
from collections.abc import Callable

import pytest
from auditlog.context import set_actor
from django import forms
from django.db import connection, transaction
from django.test import Client

from kbo.core import locking

STALE_TH = "ระเบียนนี้ถูกแก้ไขโดย"


def opened(client: Client, url: str) -> dict:
    """Open an edit page and return what its form would post back unchanged."""
    response = client.get(url)
    assert response.status_code == 200, url
    data: dict = {}
    for field in response.context["form"]:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = str(value)
    return data


def run_together(jobs: list[Callable[[], object]]) -> tuple[list, list[BaseException]]:
    """Start every job at the same moment, each in its own thread and database connection;
    return their results and errors."""
    start = threading.Barrier(len(jobs))
    results: list = []
    errors: list[BaseException] = []

    def work(job):
        try:
            start.wait()
            results.append(job())
        except BaseException as error:  # reported to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_a_save_at_the_current_version_takes_the_next_one(registry):
    producer = registry["producer_a"]
    with transaction.atomic():
        assert locking.claim(producer, 1) == 2
        producer.save()
    producer.refresh_from_db()
    assert producer.version == 2


def test_a_save_from_an_older_version_is_refused_with_who_and_when(people, registry):
    from kbo.registry import services

    producer = registry["producer_a"]
    with set_actor(people["officer_a"]):
        producer.name = "กลุ่มแรก"
        services.producer_save(by=people["officer_a"], producer=producer, version=1)
    with pytest.raises(locking.StaleEdit) as stale, transaction.atomic():
        locking.claim(producer, 1, by=people["national"])
    assert stale.value.version == 2
    assert stale.value.changed_by == people["officer_a"]
    assert STALE_TH in stale.value.message and "สมชาย" in stale.value.message
    producer.refresh_from_db()
    assert producer.version == 2


def test_no_version_saves_as_before_and_still_counts(registry):
    producer = registry["producer_a"]
    with transaction.atomic():
        assert locking.claim(producer, None) == 2
    with transaction.atomic():
        assert locking.claim(producer, None) == 3


def test_the_same_person_is_told_it_was_their_other_tab(people, registry):
    from kbo.registry import services

    producer = registry["producer_a"]
    with set_actor(people["officer_a"]):
        producer.name = "กลุ่มในแท็บแรก"
        services.producer_save(by=people["officer_a"], producer=producer, version=1)
    stale = locking.StaleEdit(producer, by=people["officer_a"])
    assert "คุณเอง ในแท็บหรืออุปกรณ์อื่น" in stale.message


class _Form(forms.Form):
    name = forms.CharField()
    phone = forms.CharField(required=False)
    version = locking.VersionField()


def test_the_form_keeps_their_values_shows_the_saved_ones_and_the_new_version(registry):
    producer = registry["producer_a"]
    producer.version = 5
    form = _Form({"name": "ชื่อของฉัน", "phone": producer.phone, "version": "4"})
    assert form.is_valid()
    locking.show_stale(form, locking.StaleEdit(producer))
    assert form["name"].value() == "ชื่อของฉัน"
    assert form.errors["name"] == [f"ค่าที่บันทึกไว้ล่าสุด: {producer.name}"]
    assert "phone" not in form.errors  # the same value: nothing to compare
    assert STALE_TH in form.non_field_errors()[0]
    assert form["version"].value() == "5"
