from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from coaching.demo import build_demo_support
from coaching.development.demo import build_demo_development
from groups.demo import build_demo_groups
from meetings.demo import build_demo_meetings
from meetings.room.demo import build_demo_room
from nyborg_ledelse.organisation.demo import (
    DEMO_PASSWORD,
    build_demo_organisation,
    demo_exists,
    demo_login_label,
    demo_logins,
    demo_second_factors,
    real_data_exists,
)
from nyborg_ledelse.organisation.models import Leader
from topicbank.demo import build_demo_topics


class Command(BaseCommand):
    help = "Build a realistic demo municipality (refuses a database with real data)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed: int, **options):
        if real_data_exists():
            raise CommandError(
                _(
                    "The database holds people outside the demo; the demo is only loaded into an "
                    "empty database."
                )
            )
        if demo_exists():
            self.stdout.write(_("The demo data is already loaded."))
        else:
            build_demo_organisation(seed=seed)
            build_demo_groups(seed=seed)
            build_demo_topics(seed=seed)
            build_demo_meetings(seed=seed)
            build_demo_room(seed=seed)
            build_demo_support(seed=seed)
            build_demo_development(seed=seed)
            self.stdout.write(
                _("Demo municipality built: %(count)s people.") % {"count": Leader.objects.count()}
            )
        self.stdout.write(_("Demo logins (password: %s):") % DEMO_PASSWORD)
        logins = demo_logins()
        for key, leader in logins.items():
            self.stdout.write(
                f"  {demo_login_label(key):<15} {leader.email:<45} {leader.job_title}"
            )
        self.stdout.write(
            _(
                "HR and administrators also need a code from an authenticator app. Add the secret "
                "below to one (Microsoft Authenticator, Google Authenticator and others), or run "
                "`python manage.py demo_code` for the code of the moment:"
            )
        )
        secrets = demo_second_factors()
        for key, leader in logins.items():
            if leader in secrets:
                self.stdout.write(
                    f"  {demo_login_label(key):<15} {leader.email:<45} {secrets[leader]}"
                )
