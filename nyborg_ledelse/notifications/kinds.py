"""The kinds of message the product sends: one registry that every app adds its kinds to."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MessageKind:
    key: str
    label: str | Promise
    template: str  # "<app>/email/<name>": -subject.txt, .txt and .html beside it
    # Meeting invitations and their changes are always sent, whatever the preference.
    always_sent: bool = False
    # Asked when the message falls due; False cancels it instead of sending it stale.
    still_applies: Callable[[object], bool] | None = None


_registry: dict[str, MessageKind] = {}


def register(kind: MessageKind) -> MessageKind:
    if kind.key in _registry and _registry[kind.key] != kind:
        raise ValueError(f"Two kinds of message are called {kind.key!r}.")
    _registry[kind.key] = kind
    return kind


def get(key: str) -> MessageKind:
    return _registry[key]


def all_kinds() -> list[MessageKind]:
    return sorted(_registry.values(), key=lambda kind: kind.key)


def optional_kinds() -> list[MessageKind]:
    """The kinds a user may choose how to receive."""
    return [kind for kind in all_kinds() if not kind.always_sent]


ACCOUNT = register(
    MessageKind(
        key="account",
        label=_("Login and password"),
        template="",  # rendered by allauth
        always_sent=True,
    )
)
