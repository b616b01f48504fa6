import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    PLAN_TOPICS,
    Agreement,
    FoundationText,
    Goal,
    Item,
    Status,
    TalkQuestion,
    TemplateItem,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):
    topic = forms.ChoiceField(
        label=_("Topic from the introduction guide"),
        required=False,
        help_text=_("Pick a topic, or write your own title below."),
    )

    class Meta:
        model = Item
        fields = ["topic", "title", "description", "due_date"]
        widgets = {"due_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—")] + [
            (str(number), topic) for number, topic in enumerate(PLAN_TOPICS)
        ]
        self.fields["title"].required = False
        if self.instance.pk:
            del self.fields["topic"]

    def clean(self):
        data = super().clean()
        if not data.get("title"):
            if data.get("topic"):
                # Stored in the language of the manager who planned it, like a typed title.
                data["title"] = str(PLAN_TOPICS[int(data["topic"])])
            else:
                self.add_error("title", _("Pick a topic or write a title."))
        return data


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FoundationForm(forms.Form):
    text = forms.CharField(
        label=_("My leadership foundation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Who you are as a leader and what you do, within the municipality's foundation."
        ),
    )
    share_with_manager = forms.BooleanField(label=_("Share with my manager"), required=False)
    share_with_group = forms.BooleanField(
        label=_("Share with my cross-cutting group"), required=False
    )


class TalkForm(forms.Form):
    booked_for = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=150, required=False)

    def clean_booked_for(self):
        value = self.cleaned_data["booked_for"]
        if value < timezone.now() - datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose a time within the last year or later."))
        return value


class PreparationForm(forms.Form):
    """One text field per question of the talk."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"answer_{row.pk}"] = forms.CharField(
                label=row.question,
                required=False,
                initial=row.answer,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data[f"answer_{row.pk}"] for row in self.rows}


class HeldForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["text", "offer"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "education",
            "title",
            "provider",
            "ects",
            "starts_on",
            "ends_on",
            "financing",
            "status",
            "completed_on",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "completed_on": DATE,
            "financing": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if data.get("status") == Status.COMPLETED and not data.get("completed_on"):
            self.add_error("completed_on", _("Give the date the education was completed."))
        if data.get("status") != Status.COMPLETED:
            data["completed_on"] = None
        ends, starts = data.get("ends_on"), data.get("starts_on")
        if ends and starts and ends < starts:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return data


class TemplateItemForm(forms.ModelForm):
    class Meta:
        model = TemplateItem
        fields = ["title", "description", "link", "days_after_start", "position", "active"]


class FoundationTextForm(forms.ModelForm):
    class Meta:
        model = FoundationText
        fields = ["title", "body", "position"]


class TalkQuestionForm(forms.ModelForm):
    class Meta:
        model = TalkQuestion
        fields = ["text", "position", "active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
