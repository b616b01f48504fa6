"""The Celery app as benchmarks/publish_round.py runs it in its worker processes."""

import os

from nyborg_ledelse.celery import app
from nyborg_ledelse.notifications import kinds

app.conf.task_default_queue = os.environ["BENCHMARK_QUEUE"]

BENCHMARK_INVITATION = kinds.register(
    kinds.MessageKind(
        key="benchmark_invitation",
        label="Benchmark invitation",
        template="organisation/email/register-changed",
        always_sent=True,
        private=False,
    )
)
