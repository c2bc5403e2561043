import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from kbo.core import thai


@pytest.fixture(autouse=True)
def thai_language():
    with translation.override("th"):
        yield


def test_fiscal_year_starts_on_the_first_of_october():
    assert thai.fiscal_year(dt.date(2019, 9, 30)) == 2562
    assert thai.fiscal_year(dt.date(2019, 10, 1)) == 2563
    assert thai.fiscal_year(dt.date(2020, 9, 30)) == 2563


def test_fiscal_year_bounds_accept_be_names():
    assert thai.fiscal_year_bounds(2563) == (dt.date(2019, 10, 1), dt.date(2020, 9, 30))


def test_ce_year_reads_both_eras():
    assert thai.ce_year(2565) == 2022
    assert thai.ce_year(2022) == 2022


def test_dates_are_shown_in_the_buddhist_era():
    assert thai.format_date(dt.date(2022, 2, 14)) == "14 ก.พ. 2565"
    assert thai.format_date(dt.date(2022, 2, 14), "long") == "14 กุมภาพันธ์ 2565"


def test_thai_digits_follow_the_preference():
    token = thai.thai_digits_preferred.set(True)
    try:
        assert thai.format_date(dt.date(2022, 2, 14)) == "๑๔ ก.พ. ๒๕๖๕"
        assert thai.format_baht(Decimal("272500")) == "๒๗๒,๕๐๐ บาท"
    finally:
        thai.thai_digits_preferred.reset(token)


def test_aware_datetimes_are_shown_in_bangkok_time():
    moment = dt.datetime(2021, 12, 31, 18, 30, tzinfo=dt.UTC)  # 01:30 on 1 Jan 2022 in Bangkok
    assert thai.format_datetime(moment) == "1 ม.ค. 2565 01:30 น."


def test_english_dates_use_english_months():
    with translation.override("en"):
        assert thai.format_date(dt.date(2022, 2, 14)) == "14 Feb 2022"
        assert thai.format_fiscal_year(2563) == "FY 2563 (BE)"


def test_baht_amounts_have_separators_and_satang_only_when_needed():
    assert thai.format_baht(272500) == "272,500 บาท"
    assert thai.format_baht(Decimal("1234.5")) == "1,234.50 บาท"
    assert thai.format_baht(None) == ""


def test_baht_in_words_as_official_documents_write_them():
    assert thai.baht_words(Decimal("272500")) == "สองแสนเจ็ดหมื่นสองพันห้าร้อยบาทถ้วน"


def test_filters_are_available_in_every_template():
    out = Template("{{ d|thai_date }}|{{ d|fiscal_year }}|{{ n|baht }}|{{ c|thai_number }}").render(
        Context({"d": dt.date(2019, 10, 1), "n": 272500, "c": 1500})
    )
    assert out == "1 ต.ค. 2562|ปีงบประมาณ 2563|272,500 บาท|1,500"


def test_plain_numbers_are_the_same_whatever_the_database_returns():
    from decimal import Decimal

    from kbo.core.thai import plain_number

    assert plain_number(Decimal("272500.00")) == plain_number(Decimal("272500")) == "272500"
    assert plain_number(Decimal("4318.180")) == "4318.18"
    assert plain_number(Decimal("66.7")) == "66.7" and plain_number(0) == "0"
