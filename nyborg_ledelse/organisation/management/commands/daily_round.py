import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nyborg_ledelse.organisation.daily import daily_round


class Command(BaseCommand):
    help = "Apply what dates decide (the same as the nightly Celery task); safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as on this day (YYYY-MM-DD); today by default.")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(_("Give the date as YYYY-MM-DD.")) from None
        for step, counts in daily_round(today=today).items():
            self.stdout.write(f"{step}: {counts}")
