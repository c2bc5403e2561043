"""The console interfaces others rely on: kbo demo, createsuperuser, production settings."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from kbo.accounts.models import Membership, User


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_working_logins(client):
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=StringIO())
    text = out.getvalue()
    assert "login: national" in text and "kbo-demo-2569" in text
    assert User.objects.filter(username__startswith="officer.").count() == 4
    assert (
        Membership.objects.filter(user__username="officer.maehongson", province__code="58").count()
        == 1
    )
    assert client.login(username="officer.chiangmai", password="kbo-demo-2569")


@pytest.mark.django_db
def test_createsuperuser_reads_djangos_variables(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "root")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-secret-2569")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "root@example.org")
    call_command("createsuperuser", interactive=False, stdout=StringIO())
    assert User.objects.get(username="root").check_password("a-long-secret-2569")


def run_settings(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "KBO_PRODUCTION", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import kbo.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings(KBO_PRODUCTION="1")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_settings(KBO_PRODUCTION="1", SECRET_KEY="django-insecure-short")
    assert result.returncode != 0 and "too weak" in result.stderr


def test_production_starts_with_a_real_secret_key():
    assert run_settings(KBO_PRODUCTION="1", SECRET_KEY="x" * 60).returncode == 0


def test_a_misspelt_boolean_is_named_in_the_error():
    result = run_settings(DEBUG="maybe")
    assert "DEBUG must be one of" in result.stderr
