"""Thai conventions: Buddhist Era dates, the Thai fiscal year, baht amounts, Thai digits.

Dates are stored in CE and shown in BE (CE + 543). A fiscal year runs 1 October to
30 September and is named by the BE year in which it ends: fiscal 2563 is
1 Oct 2019 to 30 Sep 2020.
"""

import contextvars
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone, translation
from pythainlp.util import arabic_digit_to_thai_digit, bahttext, thai_strftime

BE_OFFSET = 543

# Set per request from the user's preference (see core.middleware); read by the filters.
thai_digits_preferred: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "thai_digits_preferred", default=False
)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(year: int) -> int:
    """A year given in BE or CE, as CE. Years above 2400 are taken as BE."""
    return year - BE_OFFSET if year > 2400 else year


def fiscal_year(day: dt.date) -> int:
    """The BE fiscal year that contains `day`."""
    return be_year(day.year + (1 if day.month >= 10 else 0))


def fiscal_year_bounds(fy_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of the fiscal year named `fy_be` (BE)."""
    end_ce = ce_year(fy_be)
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


def _localdate(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def digits(text: str, thai: bool | None = None) -> str:
    """Text with Arabic digits turned into Thai digits when asked (or preferred)."""
    if thai is None:
        thai = thai_digits_preferred.get()
    return arabic_digit_to_thai_digit(text) if thai else text


def _is_thai() -> bool:
    return (translation.get_language() or "th").startswith("th")


def format_date(value: dt.date | dt.datetime | None, style: str = "short") -> str:
    """`14 ก.พ. 2565` (short) or `14 กุมภาพันธ์ 2565` (long); English: `14 Feb 2022`."""
    if value is None:
        return ""
    day = _localdate(value)
    if not _is_thai():
        return day.strftime("%-d %B %Y" if style == "long" else "%-d %b %Y")
    pattern = "%-d %B %Y" if style == "long" else "%-d %b %Y"
    return digits(thai_strftime(dt.datetime(day.year, day.month, day.day), pattern))


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    suffix = " น." if _is_thai() else ""
    return f"{format_date(local)} {digits(local.strftime('%H:%M'))}{suffix}"


def format_fiscal_year(value: dt.date | int | None) -> str:
    if value is None:
        return ""
    fy = value if isinstance(value, int) else fiscal_year(_localdate(value))
    label = f"ปีงบประมาณ {fy}" if _is_thai() else f"FY {fy} (BE)"
    return digits(label)


def format_number(value: Decimal | int | float | None, places: int = 0) -> str:
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return digits(f"{amount:,.{places}f}")


def format_baht(value: Decimal | int | float | None) -> str:
    """`272,500 บาท`, or `1,234.50 บาท` when there are satang."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    places = 0 if amount == amount.to_integral_value() else 2
    unit = "บาท" if _is_thai() else "baht"
    return f"{format_number(amount, places)} {unit}"


def baht_words(value: Decimal | int | float | None) -> str:
    """The amount in Thai words, as official documents write it: `(สองแสนเจ็ดหมื่น...บาทถ้วน)`."""
    if value is None or value == "":
        return ""
    return bahttext(float(Decimal(str(value))))


def plain_number(value: Decimal | int | float) -> str:
    """A number for machines (CSV, JSON), the same on every database: `272500`, `4318.18`.

    PostgreSQL sums decimals with their places (`272500.00`) where SQLite does not; exports
    write whole numbers without places and others without trailing zeros.
    """
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")
