"""The real demo (`kbo demo`): Chiang Mai's official report says what the province itself
reported (seeds/003): 11 products and 272,500 baht in 2562, and 10/5/2/2/1 by category in
2563, in both the workbook and the PDF. Loads the whole demo (about 20 seconds)."""

from io import StringIO

import pytest
from django.core.management import call_command

from kbo.accounts.models import User
from kbo.geo.models import Province
from kbo.reports import data, pdf, xlsx
from tests.reports.reading import pdf_text, rows, spaced, squeezed, workbook
from tests.reports.test_data import SUMMARY_2562
from tests.reports.test_outputs import BY_CATEGORY_2563, needs_chromium


@pytest.mark.django_db
@needs_chromium
def test_the_demo_report_of_chiang_mai_matches_its_own_summary():
    call_command("demo", stdout=StringIO())
    officer = User.objects.get(username="officer.chiangmai")
    chiang_mai = Province.objects.get(code="50")
    first = data.provincial(officer, chiang_mai, 2562)
    later = data.provincial(officer, chiang_mai, 2563)

    book = workbook(xlsx.provincial_xlsx(first))
    assert book["สรุป"]["A3"].value == SUMMARY_2562
    assert rows(book, "ประเภทผลิตภัณฑ์")[-1] == ("รวม", 11, 272_500)
    later_book = workbook(xlsx.provincial_xlsx(later))
    assert [r[:2] for r in rows(later_book, "ประเภทผลิตภัณฑ์")[1:6]] == BY_CATEGORY_2563

    text = pdf_text(pdf.html_to_pdf(pdf.provincial_html(first)))
    assert "11 ผลิตภัณฑ์" in spaced(text) and "272,500 บาท" in spaced(text)
    assert squeezed(SUMMARY_2562) in squeezed(text)
    later_text = spaced(pdf_text(pdf.html_to_pdf(pdf.provincial_html(later)), layout=True))
    for label, count in BY_CATEGORY_2563:
        assert f"{label} {count} " in later_text
