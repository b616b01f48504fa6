from django.contrib import admin

from .models import Group, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    readonly_fields = ["leader", "joined_on", "joined_reason", "left_on", "left_reason"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    """Composition and moves go through the composer's services, so history stays whole."""

    list_display = ["number", "name", "host", "co_host"]
    inlines = [MembershipInline]
