"""Printed documents of a training (printing: kbo.core.pdf): the attendance sheet of a
session, to be signed, and the certificates of attendance, one A4 landscape page each."""

import datetime as dt

from django.template.loader import render_to_string
from django.utils import translation

from kbo.core import thai
from kbo.core.pdf import PdfError, font_urls, html_to_pdf
from kbo.trainings.models import Session, Training
from kbo.trainings.services import certificate_holders

__all__ = ["PdfError", "certificates_html", "date_range", "html_to_pdf", "sheet_html"]


def date_range(start: dt.date, end: dt.date) -> str:
    """`14 – 18 กุมภาพันธ์ 2565`, `28 กุมภาพันธ์ – 4 มีนาคม 2565`, or one day."""
    last = thai.format_date(end, "long")
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{thai.digits(str(start.day))} – {last}"
    if start.year == end.year:
        first = thai.format_date(start, "long").rsplit(" ", 1)[0]
        return f"{first} – {last}"
    return f"{thai.format_date(start, 'long')} – {last}"


def sheet_html(session: Session) -> str:
    """The attendance sheet of a session: every trainee with a column to sign."""
    training = session.training
    with translation.override("th"):
        return render_to_string(
            "trainings/sheet_pdf.html",
            {
                "session": session,
                "training": training,
                "project": training.project,
                "province": training.project.province,
                "trainees": list(training.trainees.all()),
                "fonts": font_urls(),
            },
        )


def certificates_html(training: Training, min_share: float = 0.8) -> str:
    """One certificate page per trainee who attended at least `min_share` of the sessions."""
    with translation.override("th"):
        return render_to_string(
            "trainings/certificates_pdf.html",
            {
                "training": training,
                "project": training.project,
                "province": training.project.province,
                "dates": date_range(training.starts_on, training.ends_on),
                "holders": certificate_holders(training, min_share),
                "fonts": font_urls(),
            },
        )
