"""The kinds of message the product sends: one registry that every app adds its kinds to."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# What administrators see of a private message instead of its kind, subject and recipient.
SUPPORT = _("Support for leaders")
CONFIDENTIAL_ROOM = _("Confidential room")
TOPIC_BANK = _("Topic bank")


@dataclass(frozen=True, kw_only=True)
class MessageKind:
    key: str
    label: str | Promise
    template: str  # "<app>/email/<name>": -subject.txt, .txt and .html beside it
    # Required, so nobody adds a kind without deciding. A private message (coaching, psychologist
    # hours, crisis help, pool funds, anything that could reveal an anonymous proposer or quote
    # the confidential room) shows administrators only its group, state, due time, attempts and
    # error: who got it, its subject and its link are the recipient's alone.
    private: bool
    # Shown to administrators for a private message; public kinds are shown by their label.
    group: str | Promise = ""
    # Meeting invitations and their changes are always sent, whatever the preference.
    always_sent: bool = False
    # A digest of this kind goes out each morning instead of on Monday (news that cannot wait a
    # week, like comments on a draft the host is about to publish).
    daily_digest: bool = False
    # Asked when the message falls due; False cancels it instead of sending it stale.
    still_applies: Callable[[object], bool] | None = None

    @property
    def shown_group(self) -> str | Promise:
        return self.group or self.label


_registry: dict[str, MessageKind] = {}


def register(kind: MessageKind) -> MessageKind:
    if kind.key in _registry and _registry[kind.key] != kind:
        raise ValueError(f"Two kinds of message are called {kind.key!r}.")
    if kind.private and not kind.group:
        raise ValueError(f"The private kind {kind.key!r} needs a group to be shown by.")
    _registry[kind.key] = kind
    return kind


def get(key: str) -> MessageKind:
    return _registry[key]


def all_kinds() -> list[MessageKind]:
    return sorted(_registry.values(), key=lambda kind: kind.key)


def public_keys() -> list[str]:
    """The kinds whose recipient and subject administrators may see; anything else is private."""
    return [kind.key for kind in all_kinds() if not kind.private]


def is_private(key: str) -> bool:
    # A kind no longer registered (an old row) is treated as private: the safe side.
    kind = _registry.get(key)
    return kind is None or kind.private


def is_daily(key: str) -> bool:
    kind = _registry.get(key)
    return kind is not None and kind.daily_digest


def optional_kinds() -> list[MessageKind]:
    """The kinds a user may choose how to receive."""
    return [kind for kind in all_kinds() if not kind.always_sent]


ACCOUNT = register(
    MessageKind(
        key="account",
        label=_("Login and password"),
        template="",  # rendered by allauth
        always_sent=True,
        private=False,
    )
)
