from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import CapacityChange, Department, Leader, RegisterImport, RoleChange


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


class LowerCaseEmailMixin:
    # The login, the register import and Entra ID all match the address in lower case.
    def clean_email(self) -> str:
        return Leader.objects.normalize_email(self.cleaned_data.get("email"))


class LeaderCreationForm(LowerCaseEmailMixin, AdminUserCreationForm):
    class Meta:
        model = Leader
        fields = ["email", "first_name", "last_name", "role"]


class LeaderChangeForm(LowerCaseEmailMixin, UserChangeForm):
    class Meta:
        model = Leader
        fields = "__all__"


@admin.register(Leader)
class LeaderAdmin(UserAdmin):
    form = LeaderChangeForm
    add_form = LeaderCreationForm
    ordering = ["last_name", "first_name"]
    list_display = ["email", "full_name", "job_title", "department", "level", "role", "end_date"]
    list_filter = ["role", "works_in_hr", "administers_product", "department", "level", "is_active"]
    # Capacities change on their own page, where every grant and withdrawal is logged.
    readonly_fields = ["works_in_hr", "administers_product"]
    search_fields = ["email", "first_name", "last_name", "job_title", "workplace"]
    autocomplete_fields = ["reports_to", "predecessor", "department"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "job_title", "language"]}),
        (
            _("Position"),
            {
                "fields": [
                    "department",
                    "workplace",
                    "level",
                    "reports_to",
                    "predecessor",
                    "has_budget_responsibility",
                    "has_staff_responsibility",
                    "start_date",
                    "end_date",
                    "from_register",
                ]
            },
        ),
        (
            _("Access"),
            {
                "fields": [
                    "role",
                    "works_in_hr",
                    "administers_product",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                ]
            },
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "email",
                    "first_name",
                    "last_name",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ]
            },
        ),
    ]


@admin.register(RegisterImport)
class RegisterImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "uploaded_by", "uploaded_at", "applied_at"]
    exclude = ["content"]
    readonly_fields = [
        "file_name",
        "uploaded_by",
        "uploaded_at",
        "applied_by",
        "applied_at",
        "summary",
    ]


@admin.register(CapacityChange)
class CapacityChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "leader", "capacity", "granted", "source", "by"]
    list_filter = ["capacity", "granted", "source"]

    # The log is written by the services only.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "leader", "role_before", "role", "by"]
    list_filter = ["role"]

    # The log is written by the services only.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
