from pathlib import Path

import polib

LOCALE = Path(__file__).parents[1] / "locale" / "da" / "LC_MESSAGES"


def test_every_string_has_a_danish_translation():
    catalogue = polib.pofile(LOCALE / "django.po")

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []


def _catalogue(entries) -> dict:
    # Keyed by context too: the same English word may need another Danish word in another place.
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in entries
        if entry.msgid and (entry.msgstr or entry.msgstr_plural) and not entry.obsolete
    }


def test_the_compiled_catalogue_matches_the_source():
    source = _catalogue(polib.pofile(LOCALE / "django.po"))
    compiled = _catalogue(polib.mofile(LOCALE / "django.mo"))

    assert source == compiled
