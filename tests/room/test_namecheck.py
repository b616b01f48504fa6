import json
from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.room.namecheck import find_people
from tests.room.namecheck_cases import CASES, GROUP, HELD_OUT, REGISTER

# The concept papers and a real compiled round report, kept beside the tests.
SEEDS = Path(__file__).resolve().parent / "seed_texts"


def score() -> tuple[int, int, int]:
    true_positive = false_positive = false_negative = 0
    for text, expected in CASES + HELD_OUT:
        found = [f.text for f in find_people(text, register=REGISTER, group=GROUP)]
        true_positive += len(set(found) & set(expected))
        false_positive += len(set(found) - set(expected))
        false_negative += len(set(expected) - set(found))
    return true_positive, false_positive, false_negative


def test_precision_and_recall_on_the_labelled_sentences():
    tp, fp, fn = score()

    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95, (precision, recall)
    assert recall >= 0.9, (precision, recall)


@pytest.mark.parametrize(("text", "expected"), [c for c in CASES if not c[1]])
def test_ordinary_words_roles_and_places_are_not_flagged(text, expected):
    assert find_people(text, register=REGISTER, group=GROUP) == []


def test_a_finding_says_where_it_is_and_who_it_is():
    text = "Godt møde. Ifølge Lars mangler vi pædagoger."

    (finding,) = find_people(text, register=REGISTER, group=GROUP)

    assert text[finding.start : finding.end] == "Lars"
    assert finding.person == "Lars Nielsen"


def test_the_seed_texts_come_out_clean():
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5
    for path in paths:
        assert find_people(path.read_text(), register=REGISTER, group=GROUP) == [], path.name


def test_the_command_prints_one_json_line_per_text(tmp_path, capsys):
    texts = tmp_path / "texts.txt"
    texts.write_text("Vi talte om budgettet.\nSom Mette nævnte, er det svært.\n", encoding="utf-8")
    names = tmp_path / "names.csv"
    names.write_text("first_name,last_name\nMette,Holm\n", encoding="utf-8")

    call_command("check_confidentiality", "--input", str(texts), "--names", str(names))

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        {"line": 1, "findings": []},
        {
            "line": 2,
            "findings": [{"text": "Mette", "start": 4, "end": 9, "person": "Mette Holm"}],
        },
    ]


@pytest.mark.django_db
def test_the_seed_texts_come_out_clean_against_the_demo_register_and_every_demo_group():
    from groups.demo import build_demo_groups
    from groups.models import Group
    from meetings.room.namecheck import Person
    from nyborg_ledelse.organisation.demo import build_demo_organisation
    from nyborg_ledelse.organisation.models import Leader

    build_demo_organisation()
    build_demo_groups()
    register = [Person(*n) for n in Leader.objects.values_list("first_name", "last_name")]
    texts = [path.read_text() for path in sorted(SEEDS.glob("*.txt"))]

    for group in Group.objects.all():
        people = [group.host, *group.current_members()]
        names = [Person(p.first_name, p.last_name) for p in people]
        for text in texts:
            assert find_people(text, register=register, group=names) == [], group
