"""Minutes of a committee meeting as a PDF in Thai official style (printing: kbo.core.pdf)."""

from django.template.loader import render_to_string
from django.utils import translation

from kbo.core.pdf import PdfError, font_urls, html_to_pdf
from kbo.network.models import Attendance, Meeting

__all__ = ["PdfError", "html_to_pdf", "minutes_html", "minutes_pdf"]


def minutes_html(meeting: Meeting) -> str:
    """The minutes of a meeting as an HTML document in Thai official style."""
    attendance = list(
        meeting.attendance.select_related("seat__person").order_by("seat__order", "seat_id")
    )
    with translation.override("th"):
        return render_to_string(
            "network/minutes.html",
            {
                "meeting": meeting,
                "network": meeting.network,
                "province": meeting.network.province,
                "present": [a for a in attendance if a.status != Attendance.Status.ABSENT],
                "absent": [a for a in attendance if a.status == Attendance.Status.ABSENT],
                "agenda": list(meeting.agenda.all()),
                "fonts": font_urls(),
            },
        )


def minutes_pdf(meeting: Meeting) -> bytes:
    return html_to_pdf(minutes_html(meeting))
