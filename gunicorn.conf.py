"""gunicorn reads this file from the working directory (/app in the image).

Only its logging: gunicorn's own lines and its access log in the application's format (time,
level, logger; JSON with LOG_FORMAT=json), so one parser reads every line of the web container.
"""

import os

_format = os.environ.get("LOG_FORMAT", "text")

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "nyborg_ledelse.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": _format if _format in {"text", "json"} else "text",
            "stream": "ext://sys.stdout",
        }
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        # Not propagated: Django's LOGGING gives the root logger a handler of its own.
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
