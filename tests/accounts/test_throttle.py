"""Sign-in throttling: repeated failures pause sign-in for that name and address."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def test_five_failures_pause_even_the_right_password(client, people):
    for _ in range(5):
        response = sign_in(client, "officer_a", "wrong-password")
        assert response.status_code == 200
    response = sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 429
    assert "ลองเข้าสู่ระบบไม่สำเร็จหลายครั้ง" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_pause_ends(client, people, settings):
    for _ in range(5):
        sign_in(client, "officer_a", "wrong-password")
    assert sign_in(client, "officer_a", PASSWORD).status_code == 429
    cache.clear()  # what the lockout window's expiry does
    response = sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people["officer_a"].pk)


def test_another_person_at_another_address_is_not_paused(client, people):
    for _ in range(5):
        sign_in(client, "officer_a", "wrong-password", REMOTE_ADDR="10.0.0.1")
    assert sign_in(client, "officer_b", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_a_success_clears_the_count(client, people):
    for _ in range(4):
        sign_in(client, "officer_a", "wrong-password")
    assert sign_in(client, "officer_a", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "officer_a", "wrong-password").status_code == 200
    assert sign_in(client, "officer_a", PASSWORD).status_code == 302


def test_one_address_trying_many_names_is_paused(client, people, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    for n in range(6):
        sign_in(client, f"guess{n}", "wrong-password", REMOTE_ADDR="10.9.9.9")
    assert sign_in(client, "officer_b", PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 429


def test_the_api_token_endpoint_is_throttled_too(client, people):
    url = reverse("api:token")
    for _ in range(5):
        response = client.post(url, {"username": "officer_a", "password": "nope"})
        assert response.status_code == 400
    response = client.post(url, {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "ลองเข้าสู่ระบบไม่สำเร็จหลายครั้ง" in response.json()["detail"]
    cache.clear()
    response = client.post(url, {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"]
