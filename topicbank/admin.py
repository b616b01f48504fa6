from django.contrib import admin

from .models import Tag, Topic


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """For correcting texts and tags; topics are proposed and moved in the application."""

    list_display = ["title", "agenda_item", "theme", "state", "created_at"]
    list_filter = ["state", "agenda_item", "theme", "tags"]
    search_fields = ["title", "description"]
    # Administrators are not the chef group or HR: an anonymous proposer stays hidden here too.
    exclude = ["proposed_by", "anonymous"]
    readonly_fields = ["state", "decline_reason"]

    def has_add_permission(self, request):
        return False
