from django.contrib import admin

from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: the outbox is changed by its services, never by hand."""

    list_display = ["created_at", "kind", "to_email", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind", "delivery"]
    search_fields = ["to_email", "subject", "idempotency_key"]
    exclude = ["body_text", "body_html", "attachments"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
