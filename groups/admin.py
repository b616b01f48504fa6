from django.contrib import admin

from .models import Group, Hosting, HostingLogEntry, Membership


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyInline):
    model = Membership
    readonly_fields = ["leader", "joined_on", "joined_reason", "left_on", "left_reason"]


class HostingInline(ReadOnlyInline):
    model = Hosting
    fields = readonly_fields = ["leader", "role", "starts_on", "ends_on", "appointed_by"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    """Composition and moves go through the composer's services, and hosts are appointed on the
    product's hosting page, so history stays whole and nobody grants themselves access quietly."""

    list_display = ["number", "name", "host", "co_host"]
    readonly_fields = ["number", "host", "co_host"]
    fields = ["number", "name", "host", "co_host"]
    inlines = [HostingInline, MembershipInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HostingLogEntry)
class HostingLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "by", "action", "hosting", "day"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
