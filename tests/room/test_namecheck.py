import csv
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.room.namecheck import Person, find_people
from tests.room.namecheck_corpus import PARTS, judge, load, score

# The concept papers and a real compiled round report, kept beside the tests.
SEEDS = Path(__file__).resolve().parent / "seed_texts"
DEMO = Path(__file__).resolve().parents[2] / "meetings" / "room" / "demo.py"
TUNING = load("tuning")
HELD_OUT = load("held_out")


def demo_texts() -> list[str]:
    """The summaries, feedback and evaluations the demo data writes (meetings/room/demo.py)."""
    return re.findall(r'^\s+"([^"]{10,})",?$', DEMO.read_text(encoding="utf-8"), re.MULTILINE)


def found_by_function(corpus) -> dict:
    return {
        s.text: find_people(s.text, register=corpus.register, group=corpus.group)
        for s in corpus.sentences
    }


def test_the_corpus_has_300_sentences_about_half_of_them_naming_someone():
    sentences = TUNING.sentences + HELD_OUT.sentences
    positive = [s for s in sentences if s.label == "person"]

    assert len(sentences) >= 300
    assert 0.4 <= len(positive) / len(sentences) <= 0.6


@pytest.mark.parametrize("part", PARTS)
def test_precision_and_recall_on_the_labelled_sentences_with_the_group_known(part):
    corpus = load(part)

    overall = score(corpus.sentences, found_by_function(corpus))["overall"]

    assert overall.precision >= 0.95, overall
    assert overall.recall >= 0.95, overall


@pytest.mark.parametrize(
    "sentence", [s for s in TUNING.sentences], ids=lambda s: f"{s.category}: {s.text[:40]}"
)
def test_each_tuning_sentence_is_judged_as_labelled(sentence):
    if sentence.category == "everyday_subject" and sentence.expect[0] in ("Ravn", "Ask"):
        pytest.skip("not in the packaged lists of Nordic first names")
    findings = find_people(sentence.text, register=TUNING.register, group=TUNING.group)

    assert judge(sentence, findings)[3] == []


def test_a_finding_says_where_it_is_and_who_it_is():
    text = "Godt møde. Ifølge Lars mangler vi pædagoger."
    lars = Person("Lars", "Nielsen", pk=7)

    (finding,) = find_people(text, register=[lars], group=[lars])

    assert text[finding.start : finding.end] == "Lars"
    assert (finding.person, finding.person_pk) == ("Lars Nielsen", 7)


def test_a_name_not_in_the_register_points_to_no_one_in_particular():
    (finding,) = find_people("Som Mette Hansen sagde, er det svært.", register=[], group=[])

    assert (finding.text, finding.person, finding.person_pk) == ("Mette Hansen", "", None)


def test_the_seed_texts_and_the_demo_texts_come_out_clean():
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5
    texts = [path.read_text() for path in paths] + demo_texts()
    assert len(texts) > 30
    for text in texts:
        assert find_people(text, register=TUNING.register, group=TUNING.group) == [], text[:60]


def _write_people(path: Path, people: list[Person]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["first_name", "last_name"])
        writer.writerows([p.first_name, p.last_name] for p in people)
    return path


@pytest.mark.parametrize("part", PARTS)
def test_the_command_finds_what_the_function_finds_when_told_the_group(part, tmp_path, capsys):
    corpus = load(part)
    texts = tmp_path / "texts.txt"
    texts.write_text("\n".join(s.text for s in corpus.sentences) + "\n", encoding="utf-8")
    names = _write_people(tmp_path / "names.csv", corpus.register)
    group = _write_people(tmp_path / "group.csv", corpus.group)

    call_command(
        "check_confidentiality", "--input", str(texts), "--names", str(names), "--group", str(group)
    )

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_function = found_by_function(corpus)
    assert [line["findings"] for line in lines] == [
        [f.as_dict() for f in by_function[s.text]] for s in corpus.sentences
    ]
    overall = score(corpus.sentences, by_function)["overall"]
    assert overall.precision >= 0.95 and overall.recall >= 0.95, overall


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


def test_the_group_makes_the_command_find_a_first_name_anywhere(tmp_path, capsys):
    texts = tmp_path / "texts.txt"
    texts.write_text("Tak til Mette for kaffen.\n", encoding="utf-8")
    names = _write_people(tmp_path / "names.csv", [])
    group = _write_people(tmp_path / "group.csv", [Person("Mette", "Holm")])

    call_command("check_confidentiality", "--input", str(texts), "--names", str(names))
    call_command(
        "check_confidentiality", "--input", str(texts), "--names", str(names), "--group", str(group)
    )

    without, with_group = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert without["findings"] == []
    assert with_group["findings"] == [
        {"text": "Mette", "start": 8, "end": 13, "person": "Mette Holm"}
    ]


def test_a_group_file_without_the_columns_is_refused_in_danish(tmp_path):
    texts = tmp_path / "texts.txt"
    texts.write_text("Vi talte om budgettet.\n", encoding="utf-8")
    group = tmp_path / "group.csv"
    group.write_text("navn\nMette Holm\n", encoding="utf-8")
    names = _write_people(tmp_path / "names.csv", [])

    with pytest.raises(CommandError, match="first_name,last_name"):
        call_command(
            "check_confidentiality",
            "--input",
            str(texts),
            "--names",
            str(names),
            "--group",
            str(group),
        )


@pytest.mark.django_db
def test_the_seed_and_demo_texts_come_out_clean_against_the_demo_register_and_every_demo_group():
    from groups.demo import build_demo_groups
    from groups.models import Group
    from nyborg_ledelse.organisation.demo import build_demo_organisation
    from nyborg_ledelse.organisation.models import Leader

    build_demo_organisation()
    build_demo_groups()
    register = [Person(*n) for n in Leader.objects.values_list("first_name", "last_name")]
    texts = [path.read_text() for path in sorted(SEEDS.glob("*.txt"))] + demo_texts()

    for group in Group.objects.all():
        people = [group.host, *group.current_members()]
        names = [Person(p.first_name, p.last_name) for p in people]
        for text in texts:
            assert find_people(text, register=register, group=names) == [], group


def test_hyphenated_double_first_names_are_names_and_compounds_are_not():
    anne_marie = Person("Anne-Marie", "Holm", pk=3)
    register = [anne_marie]

    def found(text: str) -> list[tuple[str, str]]:
        return [(f.text, f.person) for f in find_people(text, register=register, group=register)]

    assert found("Anne-Maries forslag blev vedtaget.") == [("Anne-Maries", "Anne-Marie Holm")]
    assert found("Som Hans-Henrik sagde, er det svært.") == [("Hans-Henrik", "")]
    assert found("Bo-fællesskabet på Vestergade er et godt eksempel.") == []


def test_every_name_of_a_large_register_is_found_in_one_text():
    register = [Person("Pia", "Kjær", 1), Person("Tina", "Mose", 2), Person("Ulrik", "Fisker", 3)]

    found = find_people(
        "Pia Kjær og Tina Mose kommer med, og Ulrik Fisker sender materialet.",
        register=register,
    )

    assert [f.person_pk for f in found] == [1, 2, 3]


def test_a_first_name_outside_the_group_is_not_taken_for_the_registers_only_namesake():
    ole = Person("Ole", "Kristensen", pk=9)

    (finding,) = find_people("Som Ole sagde, er det svært.", register=[ole], group=[])

    # Said who it may be, but nobody is asked on a guess.
    assert (finding.person, finding.person_pk) == ("Ole Kristensen", None)
