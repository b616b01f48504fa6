import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from groups.composer import HOST, MEMBER, CompositionError, Person, compose

COLUMNS = ["id", "role", "department", "level", "manager_id", "current_group", "pinned"]


class Command(BaseCommand):
    help = (
        "Compose or rebalance the cross-cutting groups. Prints one JSON line: D, lower_bound, "
        "gap, moves, violations, seconds, whether the result is proven optimal and how, "
        "managers_outside (managers named but not in the file), whether the clock cut the run, "
        "and for a rebalance the proposals from fewest moves to most even. The work is fixed by "
        "the input and --seed; --time-limit is only a safety cap."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--input", type=Path, help="CSV: " + ",".join(COLUMNS))
        source.add_argument("--from-db", action="store_true", help="The live leaders register.")
        parser.add_argument("--output", type=Path, help="CSV written with id,role,group.")
        parser.add_argument("--groups", type=int)
        parser.add_argument("--min-size", type=int, default=10)
        parser.add_argument("--max-size", type=int, default=12)
        parser.add_argument(
            "--time-limit",
            type=float,
            default=120.0,
            help="Safety cap in seconds; the JSON line says when it cut the run.",
        )
        parser.add_argument(
            "--tolerance",
            type=float,
            default=5.0,
            help="A rebalance may be this many percent less even than the fresh optimum.",
        )
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        if options["input"]:
            people = read_people(options["input"])
        else:
            from groups.services import people_from_register

            people = people_from_register()
        try:
            result = compose(
                people,
                groups=options["groups"],
                min_size=options["min_size"],
                max_size=options["max_size"],
                time_limit=options["time_limit"],
                seed=options["seed"],
                tolerance=options["tolerance"] / 100,
            )
        except CompositionError as error:
            raise CommandError(str(error)) from None
        if options["output"]:
            with options["output"].open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["id", "role", "group"])
                for person in people:
                    writer.writerow([person.id, person.role, result.assignment[person.id]])
        self.stdout.write(json.dumps(result.summary()))


def read_people(path: Path) -> list[Person]:
    if not path.is_file():
        raise CommandError(_("The file %s does not exist.") % path)
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    except UnicodeDecodeError:
        raise CommandError(_("%s is not saved as UTF-8.") % path) from None
    if not rows:
        raise CommandError(_("%s has no rows.") % path)
    missing = [column for column in COLUMNS if column not in rows[0]]
    if missing:
        raise CommandError(
            _("Missing column(s) in %(path)s: %(columns)s.")
            % {"path": path, "columns": ", ".join(missing)}
        )
    people, errors = [], []
    for line, row in enumerate(rows, start=2):
        role, pinned = row["role"].strip(), row["pinned"].strip() or "0"
        if role not in (MEMBER, HOST):
            errors.append(
                _("Line %(line)s: the role must be member or host, not '%(role)s'.")
                % {"line": line, "role": role}
            )
        if pinned not in ("0", "1"):
            errors.append(
                _("Line %(line)s: pinned must be 0 or 1, not '%(pinned)s'.")
                % {"line": line, "pinned": pinned}
            )
        people.append(
            Person(
                id=row["id"].strip(),
                role=role,
                department=row["department"].strip(),
                level=row["level"].strip(),
                manager_id=row["manager_id"].strip(),
                current_group=row["current_group"].strip(),
                pinned=pinned == "1",
            )
        )
    if errors:
        raise CommandError("\n".join(errors))
    return people
