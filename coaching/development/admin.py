"""Only HR's texts without personal data are in the admin; introductions, foundations, talks,
evaluations and education agreements are the leader's and their manager's, and HR reads them
only as aggregates on its own page."""

from django.contrib import admin

from .models import FoundationText, TalkQuestion, TemplateItem


@admin.register(TemplateItem)
class TemplateItemAdmin(admin.ModelAdmin):
    list_display = ["title", "days_after_start", "position", "active"]


@admin.register(FoundationText)
class FoundationTextAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]


@admin.register(TalkQuestion)
class TalkQuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "position", "active"]
