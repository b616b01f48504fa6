from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from nyborg_ledelse.organisation.demo import (
    demo_code,
    demo_exists,
    demo_login_label,
    demo_logins,
    demo_second_factors,
    real_data_exists,
)


class Command(BaseCommand):
    help = "Print the demo's current second-factor codes (HR, administrator); demo databases only."

    def handle(self, *args, **options):
        # A real installation's authenticators are their owners' alone.
        if real_data_exists() or not demo_exists():
            raise CommandError(_("Only a database that holds the demo and nothing else."))
        secrets = demo_second_factors()
        # Labelled like load_demo's list: by the login's capacity, not the person's position.
        for key, leader in demo_logins().items():
            if leader in secrets:
                self.stdout.write(
                    f"  {demo_login_label(key):<15} {leader.email:<45} {demo_code(secrets[leader])}"
                )
