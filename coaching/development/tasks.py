from celery import shared_task
from django.utils import timezone

from .services import introductions_start


@shared_task(ignore_result=True, autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def development_daily() -> int:
    """Run by Celery beat each morning: leaders entered by hand get their introduction too."""
    return introductions_start(day=timezone.localdate())
