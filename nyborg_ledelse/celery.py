import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nyborg_ledelse.settings")

app = Celery("nyborg_ledelse")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
