"""Contest results and the judges' score sheets as PDF (printing: kbo.core.pdf), in Thai."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kbo.contests import exports
from kbo.contests.models import Contest
from kbo.core.pdf import font_urls, html_to_pdf

__all__ = ["html_to_pdf", "results_html", "sheets_html"]


def results_html(contest: Contest) -> str:
    """The ranked results of every panel, judges named (a document for the file)."""
    with translation.override("th"):
        return render_to_string(
            "contests/results_pdf.html",
            {
                "contest": contest,
                "tables": exports.results_tables(contest, names=True),
                "fonts": font_urls(),
                "printed": timezone.localdate(),
            },
        )


def sheets_html(contest: Contest) -> str:
    """Every judge's score sheet, one per page, with a line for the judge's signature."""
    with translation.override("th"):
        return render_to_string(
            "contests/sheets_pdf.html",
            {
                "contest": contest,
                "sheets": list(exports.sheets(contest)),
                "criteria": list(contest.criteria.all()),
                "fonts": font_urls(),
            },
        )
