import csv
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from groups.synthetic import synthetic_municipality

HEADER = "id,role,department,level,manager_id,current_group,pinned"


def write_people(path, people) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER.split(","))
        for p in people:
            writer.writerow(
                [p.id, p.role, p.department, p.level, p.manager_id, p.current_group, int(p.pinned)]
            )


def test_the_command_composes_a_csv_and_prints_one_json_line(tmp_path, capsys):
    source, target = tmp_path / "leaders.csv", tmp_path / "assignment.csv"
    write_people(source, synthetic_municipality(130, seed=4))

    call_command(
        "compose_groups",
        "--input",
        str(source),
        "--output",
        str(target),
        "--time-limit",
        "5",
        "--seed",
        "1",
    )

    figures = json.loads(capsys.readouterr().out.strip())
    assert set(figures) == {"D", "lower_bound", "gap", "moves", "violations", "seconds"}
    assert figures["gap"] == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 130 + 12
    assert set(rows[0]) == {"id", "role", "group"}
    assert all(row["group"] for row in rows)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,role\n1,member\n", "Manglende kolonne"),
        (f"{HEADER}\nh,host,,,,,0\na,boss,A,4,,,0\n", "rollen skal være member eller host"),
        (f"{HEADER}\nh,host,,,,,0\na,member,A,4,,,ja\n", "pinned skal være 0 eller 1"),
        (f"{HEADER}\nh,host,,,,,0\na,member,A,4,x,,0\n", "x, som ikke findes"),
        (f"{HEADER}\na,member,A,4,,,0\n", "ingen værter"),
        (f"{HEADER}\nh,host,,,,,0\na,member,A,4,,,0\na,member,A,4,,,0\n", "står 2 gange"),
        (f"{HEADER}\nh,host,,,,,0\na,member,A,4,b,,0\nb,member,A,4,a,,0\n", "Ring af ledere"),
        (f"{HEADER}\nh,host,,,,,0\na,member,A,4,,,0\n", "kan ikke fordeles"),
    ],
)
def test_bad_input_fails_with_a_clear_message(tmp_path, content, message):
    source = tmp_path / "leaders.csv"
    source.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        call_command("compose_groups", "--input", str(source), "--time-limit", "2")


@pytest.mark.django_db
def test_the_command_proposes_groups_for_the_live_register(capsys, demo):
    capsys.readouterr()

    call_command("compose_groups", "--from-db", "--time-limit", "5")

    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["gap"] == 0
    assert sum(figures["violations"].values()) == 0
