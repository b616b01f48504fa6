"""/healthz for the container's health check and the load balancer.

Answered before any other middleware: the check comes from inside the container (host
127.0.0.1, plain HTTP), so it must pass the host check and the HTTPS redirect, which would
otherwise answer 400 or 301 to a perfectly healthy site. It says only up or down, nothing about
anyone.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

PATH = "/healthz"
OK = "ok"
DOWN = "unavailable"


def database_status() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Health check: the database is unavailable (%s).", type(error).__name__)
        return DOWN
    return OK


def broker_status() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "not configured"  # the quick start: tasks run inline
    try:
        if url.startswith(("redis://", "rediss://")):
            import redis

            client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
            try:
                client.ping()
            finally:
                client.close()
        else:
            from nyborg_ledelse.celery import app

            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # any failure to reach the broker is "down", not a crash
        logger.warning("Health check: the broker is unavailable (%s).", type(error).__name__)
        return DOWN
    return OK


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.rstrip("/") != PATH:
            return self.get_response(request)
        checks = {"database": database_status(), "broker": broker_status()}
        healthy = DOWN not in checks.values()
        response = JsonResponse(
            {"status": OK if healthy else DOWN, **checks}, status=200 if healthy else 503
        )
        response["Cache-Control"] = "no-store"
        return response
