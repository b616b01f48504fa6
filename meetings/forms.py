import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.uploads import checked_material_file
from topicbank.models import State as TopicState
from topicbank.models import Topic

from .models import (
    ITEM_NUMBERS,
    TOPIC_ITEMS,
    AgendaTemplateItem,
    Material,
    Room,
    Round,
    SeminarSession,
    SummaryQuestion,
)

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]


class RoundForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The days of the week the groups meet (the seminar: one day)."),
    )
    beyond_the_norm = forms.BooleanField(
        label=_("Yes, create one more than the norm"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Round
        fields = [
            "kind",
            "title",
            "week_start",
            "starts",
            "ends",
            "place",
            "input_title",
            "input_speaker",
            "input_starts",
            "input_room",
            "shared_lunch",
        ]
        widgets = {
            "week_start": forms.DateInput(attrs={"type": "date"}),
            "starts": forms.TimeInput(attrs={"type": "time"}),
            "ends": forms.TimeInput(attrs={"type": "time"}),
            "input_starts": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["input_room"].queryset = Room.objects.filter(active=True)
        if self.instance.pk:
            self.initial["weekdays"] = [day.weekday() for day in self.instance.day_dates]

    def clean(self):
        data = super().clean()
        week_start = data.get("week_start")
        if week_start and data.get("weekdays"):
            self.instance.days = [
                (week_start + datetime.timedelta(days=k)).isoformat()
                for k in sorted(data["weekdays"])
            ]
        if week_start and data.get("kind"):
            self._ask_beyond_the_norm(data)
        return data

    def _ask_beyond_the_norm(self, data) -> None:
        """A fourth group round (or a second seminar) in a year is allowed once confirmed."""
        unchanged = self.instance.pk and (
            self.initial["kind"] == data["kind"]
            and self.initial["week_start"].year == data["week_start"].year
        )
        if unchanged:
            return
        self.instance.week_start, self.instance.kind = data["week_start"], data["kind"]
        if not self.instance.is_beyond_the_norm() or data.get("beyond_the_norm"):
            return
        others = self.instance.others_that_year()
        self.fields["beyond_the_norm"].widget = forms.CheckboxInput()
        if self.instance.is_seminar:
            message = _(
                "%(year)s already has a leadership seminar (%(titles)s). The concept has one "
                "joint seminar a year. Tick the box if there really is to be one more."
            )
        else:
            message = _(
                "%(year)s already has %(count)d group rounds (%(titles)s). The concept has three "
                "meetings a year. Tick the box if there really is to be one more."
            )
        self.add_error(
            "beyond_the_norm",
            message
            % {
                "year": data["week_start"].year,
                "count": len(others),
                "titles": ", ".join(round_.title for round_ in others),
            },
        )

    def _update_errors(self, errors):
        # The model checks its days; on this form they are chosen as weekdays. When the weekdays
        # were already refused, the model's "choose a day" would only repeat it.
        if hasattr(errors, "error_dict") and "days" in errors.error_dict:
            days = errors.error_dict.pop("days")
            if "weekdays" not in self.errors:
                errors.error_dict.setdefault("weekdays", []).extend(days)
        super()._update_errors(errors)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    topic = forms.ModelChoiceField(
        label=_("Topic from the topic bank"),
        queryset=Topic.objects.none(),
        required=False,
    )

    def __init__(self, *args, number: int, current_topic: Topic | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number
        if number in TOPIC_ITEMS:
            choosable = Topic.objects.filter(
                agenda_item=number,
                state__in=[TopicState.PROPOSED, TopicState.SHORTLISTED],
            )
            if current_topic:
                choosable = choosable | Topic.objects.filter(pk=current_topic.pk)
            self.fields["topic"].queryset = choosable.order_by("state", "title")
        else:
            del self.fields["topic"]


class TemplateItemForm(forms.ModelForm):
    class Meta:
        model = AgendaTemplateItem
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["item_number", "title", "url", "file"]

    def clean_file(self):
        return checked_material_file(self.cleaned_data.get("file"))

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file"):
            raise forms.ValidationError(_("Add a link or a file."))
        if data.get("item_number") not in ITEM_NUMBERS:
            raise forms.ValidationError(_("Choose an agenda item from 1 to 7."))
        return data


class QuestionForm(forms.ModelForm):
    class Meta:
        model = SummaryQuestion
        fields = ["theme", "dos_and_donts"]


class PinForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat)
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.filter(active=True), required=False
    )

    def __init__(self, *args, round_: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [
            (day.isoformat(), f"{day:%d.%m.%Y}") for day in round_.day_dates
        ]


class ApologyForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class StandInForm(forms.Form):
    reason = forms.CharField(label=_("Why you cannot come"), max_length=300)


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "building", "seats", "accessible", "active"]


class SessionForm(forms.ModelForm):
    class Meta:
        model = SeminarSession
        fields = ["starts", "ends", "title", "speaker", "place"]
        widgets = {
            "starts": forms.TimeInput(attrs={"type": "time"}),
            "ends": forms.TimeInput(attrs={"type": "time"}),
        }


# A day's programme has a handful of sessions; the cap keeps a forged form count from making the
# server build thousands of forms.
ProgrammeFormSet = forms.modelformset_factory(
    SeminarSession,
    form=SessionForm,
    extra=2,
    can_delete=True,
    max_num=30,
    absolute_max=30,
    validate_max=True,
)
