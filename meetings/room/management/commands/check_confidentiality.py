import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from meetings.room.namecheck import Person, find_people
from nyborg_ledelse.organisation.models import Leader


class Command(BaseCommand):
    help = "Check texts (one per line) for people named or pointed out; one JSON line per text."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="UTF-8, one text per line")
        parser.add_argument(
            "--names", type=Path, help="CSV with first_name,last_name; replaces the register"
        )
        parser.add_argument(
            "--group",
            type=Path,
            help="CSV with first_name,last_name: the people in the room, found wherever they stand",
        )

    def handle(self, *args, input: Path, names: Path | None, group: Path | None, **options):
        register = _read_names(names) if names else _register()
        room = _read_names(group) if group else []
        try:
            lines = input.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": input, "error": error}
            ) from error
        for number, text in enumerate(lines, start=1):
            findings = find_people(text, register=register, group=room)
            self.stdout.write(
                json.dumps(
                    {"line": number, "findings": [f.as_dict() for f in findings]},
                    ensure_ascii=False,
                )
            )


def _register() -> list[Person]:
    return [
        Person(first, last) for first, last in Leader.objects.values_list("first_name", "last_name")
    ]


def _read_names(path: Path) -> list[Person]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    if rows and not {"first_name", "last_name"} <= set(rows[0]):
        raise CommandError(_("The names file must have the columns first_name,last_name."))
    return [Person(row["first_name"].strip(), row["last_name"].strip()) for row in rows]
