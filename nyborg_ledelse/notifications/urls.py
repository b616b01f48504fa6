from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("messages/", views.my_messages, name="mine"),
    path("messages/preferences/", views.preferences, name="preferences"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="retry"),
    path("outbox/retry-failed/", views.outbox_retry_all, name="retry_all"),
]
