import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller


@dataclass
class SmtpSink:
    """A real SMTP server on loopback that records what it accepts and can refuse on demand."""

    refuse_next: int = 0
    refusals: int = 0
    received: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_next:
                self.refuse_next -= 1
                self.refusals += 1
                return "451 4.3.0 Try again later"
            self.received.append(message_from_bytes(envelope.content))
        return "250 OK"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [message["Message-ID"] for message in self.received]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    sink = SmtpSink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    # After the test environment's locmem override, so this test really speaks SMTP.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 5},
        }
    }
    yield sink
    controller.stop()
