from pathlib import Path

from django.urls import reverse


def test_the_landing_page_is_thai_and_uses_sarabun(client, geo):
    response = client.get("/")
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "เข้าสู่ระบบ" in html
    css = client.get(reverse("core:home")).content.decode()
    assert "kbo/css/app.css" in css


def test_the_stylesheet_serves_sarabun_from_the_app(client):
    from django.contrib.staticfiles import finders

    css = Path(finders.find("kbo/css/app.css")).read_text(encoding="utf-8")
    assert 'font-family: "Sarabun"' in css
    assert finders.find("fonts/sarabun/Sarabun-Regular.ttf")
    assert "http" not in css  # no CDN


def test_english_can_be_switched_on(client, geo):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html and "Sign in" in html


def test_home_shows_the_users_roles_and_the_fiscal_year(client_for):
    html = client_for("officer_a").get("/").content.decode()
    assert "เจ้าหน้าที่พัฒนาชุมชนจังหวัด" in html and "เชียงใหม่" in html
    assert "ปีงบประมาณ 25" in html


def test_health_reports_the_database(client, db):
    body = client.get(reverse("core:health")).json()
    assert body["status"] == "ok" and body["database"]["status"] == "ok"


def test_the_thai_digits_preference_changes_numbers(client_for, people):
    user = people["officer_a"]
    user.thai_digits = True
    user.save()
    html = client_for("officer_a").get(reverse("geo:index")).content.decode()
    assert "๒ จังหวัด" in html or "๒" in html


def test_thai_is_shown_even_when_the_browser_asks_for_english(client, geo):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html


def test_a_missing_record_gets_a_thai_page(client, db):
    response = client.get("/geo/province/99/")
    assert response.status_code == 404
    assert "ไม่พบ" in response.content.decode()


def test_a_forbidden_page_says_why_in_thai(client_for):
    response = client_for("producer_a").get(reverse("accounts:people"))
    assert response.status_code == 403
    assert "บทบาทของคุณ" in response.content.decode()
