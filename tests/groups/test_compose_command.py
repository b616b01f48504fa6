import csv
import io
import json
import subprocess
import sys
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from groups.composer import HOST, MEMBER, Person, compose
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
    assert {"D", "lower_bound", "gap", "moves", "violations", "seconds"} <= set(figures)
    assert figures["gap"] == 0
    assert figures["proven_optimal"] and figures["bound_reachable"]
    assert figures["stopped_by_clock"] is False
    assert figures["managers_outside"] == 0
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


def test_managers_outside_the_file_are_accepted_and_counted(tmp_path, capsys):
    source = tmp_path / "leaders.csv"
    rows = [f"h{k},host,,,,,0" for k in range(2)]
    # A director and a chef who hosts no group this year, neither of them in the file.
    rows += [
        f"m{k},member,{'AB'[k % 2]},4,{['direktør', 'chef-uden-gruppe', ''][k % 3]},,0"
        for k in range(22)
    ]
    source.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")

    call_command("compose_groups", "--input", str(source))

    figures = json.loads(capsys.readouterr().out.strip())
    assert figures["managers_outside"] == 2
    assert sum(figures["violations"].values()) == 0


def rebalance_case(path) -> None:
    """130 leaders seated as composed, then five leave and five join."""
    people = synthetic_municipality(130, seed=6)
    fresh = compose(people, seed=6)
    managers = {p.manager_id for p in people}
    leavers = [p.id for p in people if p.role == MEMBER and p.id not in managers][:5]
    after = [
        replace(p, current_group=fresh.assignment[p.id]) for p in people if p.id not in leavers
    ]
    after += [replace(after[-k], id=f"new{k}", current_group="") for k in range(1, 6)]
    write_people(path, after)


def unreachable_case(path) -> None:
    """Each leader's type decides their manager, so CP-SAT must prove the bound unreachable."""
    people = [Person(id=f"c{k}", role=HOST) for k in range(2)] + [Person(id="d", role=HOST)]
    people += [
        Person(
            id=f"m{k}",
            role=MEMBER,
            department="AB"[k % 2],
            level=str(3 + k % 2),
            manager_id=f"c{k % 2}",
        )
        for k in range(33)
    ]
    write_people(path, people)


@pytest.mark.parametrize("case", [rebalance_case, unreachable_case])
def test_the_same_input_and_seed_give_the_same_files_on_a_busy_machine(tmp_path, case):
    source = tmp_path / "leaders.csv"
    case(source)

    def run(name: str) -> tuple[str, dict]:
        output = tmp_path / f"{name}.csv"
        out = io.StringIO()
        call_command(
            "compose_groups",
            "--input",
            str(source),
            "--output",
            str(output),
            "--seed",
            "3",
            stdout=out,
        )
        figures = json.loads(out.getvalue())
        assert figures["stopped_by_clock"] is False
        del figures["seconds"]
        return output.read_text(encoding="utf-8"), figures

    quiet = run("quiet")
    # Another process keeps a core busy the whole time the second run works.
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        busy = run("busy")
    finally:
        burner.kill()
        burner.wait()

    assert busy == quiet
    if case is rebalance_case:
        assert len(quiet[1]["options"]) >= 2
    else:
        assert quiet[1]["bound_reachable"] is False and quiet[1]["proven_optimal"]
