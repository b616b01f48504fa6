"""The project's Celery app as the integration tests run it in a real worker process.

CRASH_MARKER makes the first task that reaches the point after its claim and before the mail
server kill its worker process, as a power cut or an OOM kill would.
"""

import os
from pathlib import Path

from celery.signals import worker_process_init

from nyborg_ledelse.celery import app

app.conf.task_default_queue = os.environ["TEST_QUEUE"]


@worker_process_init.connect
def _inject_crash(**kwargs):
    marker = os.environ.get("CRASH_MARKER")
    if not marker:
        return
    from nyborg_ledelse.notifications import delivery

    build_email = delivery.build_email

    def build_email_or_die(message):
        try:
            Path(marker).touch(exist_ok=False)
        except FileExistsError:
            return build_email(message)
        os._exit(1)

    delivery.build_email = build_email_or_die
