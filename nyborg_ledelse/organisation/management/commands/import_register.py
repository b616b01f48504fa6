from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nyborg_ledelse.organisation.services import RegisterPlan, register_apply, register_plan


class Command(BaseCommand):
    help = "Preview (default) or apply a leaders register file (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--apply", action="store_true", help="Save the changes.")

    def handle(self, *args, file: Path, apply: bool, **options):
        if not file.is_file():
            raise CommandError(_("The file %s does not exist.") % file)
        content = file.read_bytes()
        if apply:
            plan = register_apply(content=content, filename=file.name)
        else:
            plan = register_plan(content=content, filename=file.name)
        if not plan.is_valid:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(_("The file was refused; nothing was saved."))
        self._report(plan)
        if apply:
            self.stdout.write(_("The changes are saved."))
        else:
            self.stdout.write(_("Nothing is saved yet: run again with --apply."))

    def _report(self, plan: RegisterPlan) -> None:
        for change in plan.new:
            self.stdout.write(
                f"+ {change.row.email} ({change.row.first_name} {change.row.last_name})"
            )
        for change in plan.changed:
            self.stdout.write(f"~ {change.row.email}: {', '.join(change.changed_labels)}")
        for leader in plan.leaving:
            self.stdout.write(f"- {leader.email}")
        self.stdout.write(
            _("%(new)s new, %(changed)s changed, %(leaving)s leaving, %(unchanged)s unchanged.")
            % plan.summary()
        )
