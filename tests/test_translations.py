"""Thai is the default language: every user-facing string has a Thai translation."""

import gettext
from pathlib import Path

import polib

import kbo

PO = Path(kbo.__file__).parent / "locale" / "th" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_thai_translation():
    catalogue = polib.pofile(str(PO))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_its_source():
    compiled = gettext.GNUTranslations(PO.with_suffix(".mo").open("rb"))
    for entry in polib.pofile(str(PO)).translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_djangos_password_rules_are_shown_in_thai(client_for):
    from django.urls import reverse

    html = client_for("officer_a").get(reverse("accounts:person_add")).content.decode()
    assert "รหัสผ่านต้องไม่ประกอบด้วยตัวเลขเพียงอย่างเดียว" in html
    assert "can’t be entirely numeric" not in html
