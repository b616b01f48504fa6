from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import kinds
from .models import Message

# All an administrator may see of a private message (see kinds.MessageKind.private).
PRIVATE_FIELDS = ["kind_shown", "state", "due_at", "attempts", "error_shown"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: the outbox is changed by its services, never by hand."""

    list_display = ["due_at", "kind_shown", "recipient_shown", "state", "attempts", "sent_at"]
    # No filter by kind: for a private kind the filter alone would be a list of who got what.
    list_filter = ["state", "delivery"]
    search_fields = ["to_email", "subject", "idempotency_key"]
    exclude = ["body_text", "body_html", "attachments"]
    readonly_fields = ["kind_shown", "error_shown"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_private:
            return PRIVATE_FIELDS
        fields = [f for f in super().get_fields(request, obj) if f not in ("last_error",)]
        return fields

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            # A search must not find a private message by its recipient, subject or key.
            queryset = queryset.filter(kind__in=kinds.public_keys())
        return queryset, may_have_duplicates

    @admin.display(description=_("kind"))
    def kind_shown(self, obj: Message) -> str:
        return obj.kind_group if obj.is_private else obj.kind

    @admin.display(description=_("recipient"))
    def recipient_shown(self, obj: Message) -> str:
        return _("(private)") if obj.is_private else obj.to_email

    @admin.display(description=_("last error"))
    def error_shown(self, obj: Message) -> str:
        return obj.error_for_administrators
