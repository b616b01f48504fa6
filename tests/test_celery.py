import os
import uuid

import pytest
from kombu import Connection

from nyborg_ledelse.celery import app


def test_without_a_broker_tasks_run_inline_in_the_web_process(settings):
    assert settings.CELERY_BROKER_URL == ""
    assert app.conf.task_always_eager is True
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True


def test_a_message_goes_through_the_real_redis_broker():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (CI sets it to the machine's Redis)")
    name = f"ledelsesrum-ci-{uuid.uuid4().hex}"

    with Connection(url, connect_timeout=5) as connection:
        queue = connection.SimpleQueue(name)
        queue.put({"hello": "chefgruppen"})
        message = queue.get(timeout=5)
        message.ack()
        queue.queue.delete()
        queue.close()

    assert message.payload == {"hello": "chefgruppen"}
