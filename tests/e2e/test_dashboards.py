"""The dashboards in Chromium: charts drawn by the served Chart.js, the lazily loaded revenue
and map panels, a table alternative, and the province dashboard on a phone (screenshots for
docs/guide/dashboards.md)."""

import pytest
from playwright.sync_api import expect

from tests.dashboards.conftest import dash  # noqa: F401 (the hand-counted world)


@pytest.mark.usefixtures("dash")
def test_national_and_provincial_dashboards_draw_their_charts(browser, live_server, sign_in, shot):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, "national")
    page.goto(f"{live_server.url}/dashboards/?year=2563")
    expect(page.get_by_test_id("dashboard-title")).to_be_visible()
    # Chart.js has drawn the category chart (a canvas with pixels, not an empty box).
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('#chart-categories'))"
    )
    expect(page.locator("#chart-data-revenue")).to_be_attached(timeout=15_000)
    expect(page.get_by_test_id("province-map")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("province-map")).to_contain_text("50")
    shot(page, "dashboards-national", full_page=True)
    table = page.locator("#panel-stars details")
    table.locator("summary").click()
    expect(table.locator("table")).to_be_visible()
    shot(page, "dashboards-table")
    assert errors == []
    page.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    officer = phone.new_page()
    sign_in(officer, "officer_a")
    officer.goto(f"{live_server.url}/dashboards/?year=2563")
    expect(officer).to_have_url(f"{live_server.url}/dashboards/provinces/50/?year=2563")
    expect(officer.get_by_test_id("kpi-cards")).to_be_visible()
    shot(officer, "dashboards-province-phone")
    phone.close()
