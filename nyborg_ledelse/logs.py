"""Logging for operations: one line per event, readable by a person or (as JSON) by a collector.

Authentication events go to the "nyborg_ledelse.auth" logger, one line each, naming the account
and the client address and never a password; see `auth_event`.
"""

import datetime
import json
import logging

auth_logger = logging.getLogger("nyborg_ledelse.auth")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class ForbiddenInOneLine(logging.Filter):
    """A 403 is an everyday event (someone followed a link they may not use), not a crash.

    Django logs it with the exception's traceback and without the user; this keeps one line
    with who asked for what.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status == 400:
            # A request for another host name (scanners, a wrong proxy): the message says it all.
            record.exc_info = None
            record.exc_text = None
        if status != 403:
            return True
        request = getattr(record, "request", None)
        record.msg = "Forbidden: user=%s method=%s path=%s"
        record.args = (
            account_of(getattr(request, "user", None)),
            getattr(request, "method", "-"),
            getattr(request, "path", "-"),
        )
        record.exc_info = None
        record.exc_text = None
        return True


def account_of(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return user.email


def client_address(request) -> str:
    """The address allauth's rate limits key on (ALLAUTH_TRUSTED_PROXY_COUNT applied)."""
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return get_client_ip(request) or "-"
    except Exception:  # a misconfigured proxy count must not stop the log line
        return request.META.get("REMOTE_ADDR", "-")


def auth_event(event: str, *, request, account: str, level: int = logging.WARNING, **details):
    """Log one authentication event: `event` is a fixed word (login-failed, sso-refused, …)."""
    extra = "".join(f" {key}={value}" for key, value in details.items())
    auth_logger.log(
        level,
        "%s account=%s ip=%s%s",
        event,
        _one_word(account),
        client_address(request) if request is not None else "-",
        extra,
    )


def _one_word(value: str) -> str:
    # What someone typed in the login form: no line breaks or spaces that could forge a log line.
    value = (value or "").strip().lower()[:254]
    return "".join(c if c.isprintable() and not c.isspace() else "?" for c in value) or "-"


def log_mfa_failed(sender, *, request, user, authenticator=None, **kwargs) -> None:
    """Receiver for allauth.mfa's authentication_failed (connected when allauth.mfa is installed)."""
    auth_event(
        "mfa-failed",
        request=request,
        account=getattr(user, "email", ""),
        method=getattr(authenticator, "type", "-"),
    )
