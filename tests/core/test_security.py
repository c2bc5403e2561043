"""Security headers, request ids in responses, logs and the 500 page, production checks."""

import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client, RequestFactory
from django.urls import path

from kbo.core.views import server_error
from kbo.urls import handler404, handler500  # noqa: F401  (the platform's own 500 view serves this urlconf)
from kbo.urls import urlpatterns as platform


def boom(request):
    logging.getLogger("kbo.test").error("about to fail")
    raise RuntimeError("boom")


urlpatterns = [*platform, path("boom/", boom)]


def test_pages_carry_a_content_security_policy(client, db):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_response_has_a_request_id(client, db):
    first = client.get("/").headers["X-Request-ID"]
    second = client.get("/").headers["X-Request-ID"]
    assert len(first) >= 16 and first != second
    # A proxy's id is kept when it is a sane token, replaced when it is not.
    assert client.get("/", HTTP_X_REQUEST_ID="edge-1234abcd").headers["X-Request-ID"] == (
        "edge-1234abcd"
    )
    odd = client.get("/", HTTP_X_REQUEST_ID="bad id\nwith newline").headers["X-Request-ID"]
    assert "\n" not in odd and " " not in odd


@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_id_that_the_log_carries(db, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom/", HTTP_X_REQUEST_ID="trace-5678efgh")
    assert response.status_code == 500
    body = response.content.decode()
    assert "trace-5678efgh" in body
    assert "ระบบขัดข้อง" in body and "Server error" in body
    ids = {getattr(r, "request_id", None) for r in caplog.records if r.levelno >= logging.ERROR}
    assert "trace-5678efgh" in ids
    assert "boom" not in body  # no traceback or message leaks to the visitor


def test_not_found_is_json_under_the_api_and_a_page_elsewhere(client, db):
    api = client.get("/api/v1/no-such-route/")
    assert api.status_code == 404 and api["Content-Type"] == "application/json"
    assert api.json()["detail"] == "ไม่พบ"
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_the_500_view_renders_without_a_request_id():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "รหัสอ้างอิง" not in response.content.decode()


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **os.environ,
        "KBO_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "kbo.example.go.th",
        "KBO_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kbo.settings",
    }
    env.pop("DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "kbo", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_short_passwords_are_refused(client, people):
    from tests.conftest import PASSWORD

    client.force_login(people["officer_a"])
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "kb0-shrt", "new_password2": "kb0-shrt"},
    )
    assert response.status_code == 200
    assert "อย่างน้อย 10" in response.content.decode()
