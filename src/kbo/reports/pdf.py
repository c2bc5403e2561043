"""The official reports as PDF: HTML from templates, printed by Chromium (kbo.core.pdf).

A4 (portrait for a province, landscape for the national summary's wide table), Sarabun
16 pt, page numbers at the top from page two as official letters number them. With Thai
digits the finished text gets Thai digits (tags, styles and font URLs are left alone).
"""

from django.template.loader import render_to_string
from django.utils import translation

from kbo.core.pdf import font_urls, html_to_pdf
from kbo.reports import wording
from kbo.reports.data import NationalReport, ProvincialReport

__all__ = ["html_to_pdf", "national_html", "provincial_html"]


def _render(template: str, report, thai_digits: bool) -> str:
    with translation.override("th"), wording.arabic_digits():
        html = render_to_string(
            template, {"report": report, "fonts": font_urls(), "thai_digits": thai_digits}
        )
    return wording.thai_digits_html(html) if thai_digits else html


def provincial_html(report: ProvincialReport, thai_digits: bool = False) -> str:
    return _render("reports/provincial_pdf.html", report, thai_digits)


def national_html(report: NationalReport, thai_digits: bool = False) -> str:
    return _render("reports/national_pdf.html", report, thai_digits)
