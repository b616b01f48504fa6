from pathlib import Path

import polib

LOCALE = Path(__file__).parents[1] / "locale" / "da" / "LC_MESSAGES"


def test_every_string_has_a_danish_translation():
    catalogue = polib.pofile(LOCALE / "django.po")

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(LOCALE / "django.po")}
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(LOCALE / "django.mo")}

    assert {k: v for k, v in source.items() if v} == {k: v for k, v in compiled.items() if k and v}
