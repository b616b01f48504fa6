from celery import shared_task

from .daily import daily_round


@shared_task(name="nyborg_ledelse.organisation.tasks.daily_round")
def daily_round_task() -> dict:
    return daily_round()
