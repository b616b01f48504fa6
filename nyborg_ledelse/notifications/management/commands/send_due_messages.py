from django.core.management.base import BaseCommand

from nyborg_ledelse.notifications.tasks import dispatch_due_messages


class Command(BaseCommand):
    help = "Hand every due message to a worker (inline without a broker), as Celery beat does."

    def handle(self, *args, **options):
        self.stdout.write(str(dispatch_due_messages()))
