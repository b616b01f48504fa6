from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nyborg_ledelse.organisation.demo import (
    demo_code,
    demo_exists,
    demo_second_factors,
    real_data_exists,
)
from nyborg_ledelse.organisation.models import Role


class Command(BaseCommand):
    help = "Print the demo's current second-factor codes (HR, administrator); demo databases only."

    def handle(self, *args, **options):
        # A real installation's authenticators are their owners' alone.
        if real_data_exists() or not demo_exists():
            raise CommandError(_("Only a database that holds the demo and nothing else."))
        for leader, secret in demo_second_factors().items():
            self.stdout.write(
                f"  {Role(leader.role).label:<15} {leader.email:<45} {demo_code(secret)}"
            )
