from decimal import Decimal

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.organisation.models import Leader

from .models import (
    Coach,
    CrisisRequest,
    GroupCoaching,
    Phase,
    PoolApplication,
    SparringRequest,
    Volunteer,
    is_new_leader,
)
from .services.years import check_session_hours, money_text

DATE = forms.DateInput(attrs={"type": "date"})


class AmountInput(forms.TextInput):
    """An amount as the reader writes it ("250.000,00", or "250,000.00" in English), not the
    number input's "250000.00"."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float):
            return money_text(value)
        return super().format_value(value)


class AmountField(forms.DecimalField):
    """Money in DKK: read with the language's separators, whether or not the thousands are
    grouped; "250000.00" is still read as it was meant."""

    widget = AmountInput

    def __init__(self, *, max_digits=12, decimal_places=2, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = plain_amount(value)
        return super().to_python(value)


def plain_amount(text: str) -> str:
    """ "250.000,00" → "250000.00" in Danish; a lone point before other than three digits is
    a decimal point ("250000.50"), as Django reads it too."""
    text = text.strip().replace(" ", "").replace("\xa0", "")
    decimal, thousands = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
    whole, point, decimals = text.partition(decimal)
    lone_point = thousands == "." and not point and whole.count(".") == 1
    if lone_point and len(whole.rsplit(".", 1)[1]) != 3:
        return text
    whole = whole.replace(thousands, "")
    return f"{whole}.{decimals}" if point else whole


def session_hours_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=1,
        min_value=Decimal("0.5"),
        validators=[check_session_hours],
    )


class BookingForm(forms.Form):
    coach = forms.ModelChoiceField(label=_("Coach"), queryset=Coach.objects.filter(active=True))
    day = forms.DateField(label=_("Date"), widget=DATE)
    hours = session_hours_field()
    cost_centre = forms.CharField(
        label=_("Cost centre"),
        max_length=40,
        required=False,
        help_text=_("Only for hours paid from your own budget."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class BookingChangeForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    hours = session_hours_field()
    cost_centre = forms.CharField(label=_("Cost centre"), max_length=40, required=False)


class ApprovalRequestForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    hours = forms.DecimalField(
        label=_("Hours"), max_digits=5, decimal_places=1, min_value=Decimal("0.5")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Decline"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("A word to the leader (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def group_coaching_members():
    """Who may give hours to a group's course: active leaders with staff responsibility."""
    return Leader.objects.active().filter(has_staff_responsibility=True)


MEMBER_RESULTS = 10


def member_results(text: str, *, chosen=()) -> dict:
    """The first matches of a search for the picker, and whether there are more than shown."""
    if not text.strip():
        return {"searched": False}
    found = list(
        group_coaching_members()
        .matching(text)
        .exclude(pk__in=chosen)
        .select_related("department")
        .order_by("first_name", "last_name", "pk")[: MEMBER_RESULTS + 1]
    )
    return {
        "searched": True,
        "leaders": found[:MEMBER_RESULTS],
        "more": len(found) > MEMBER_RESULTS,
        "shown": MEMBER_RESULTS,
    }


class MemberPicker(forms.Widget):
    """The members already chosen and a search's matches, never the whole list of leaders: a
    municipality has thousands. Without JavaScript the search button sends the form back with
    the matches; static/js/member-picker.js searches as you type."""

    template_name = "coaching/widgets/member_picker.html"
    search = ""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty choice sends nothing, like a multi-select

    def format_value(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v.pk if isinstance(v, Leader) else v) for v in values if v not in (None, "")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [int(v) for v in context["widget"]["value"] if v.isdigit()]
        chosen = list(self.choices.queryset.filter(pk__in=ids).select_related("department"))
        context["widget"].update(
            chosen=chosen,
            search=self.search,
            results=member_results(self.search, chosen=ids),
            results_url=reverse("coaching:member_search"),
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates/ folder, which the forms' own template engine does not search.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class GroupCoachingForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Members who give hours"),
        queryset=group_coaching_members(),
        required=False,
        widget=MemberPicker,
        help_text=_(
            "Only when the course is paid by the members' individual hours; the hours are split "
            "evenly. Search by name and tick the members."
        ),
    )

    class Meta:
        model = GroupCoaching
        fields = ["team", "coach", "day", "hours", "payment", "cost_centre"]
        widgets = {"day": DATE}

    def __init__(self, *args, member_search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].widget.search = member_search

    def clean_hours(self):
        check_session_hours(self.cleaned_data["hours"])
        return self.cleaned_data["hours"]

    def shares(self) -> dict:
        members = list(self.cleaned_data.get("members") or [])
        if self.cleaned_data["payment"] != GroupCoaching.Payment.CONVERTED or not members:
            return {}
        each = (self.cleaned_data["hours"] / len(members)).quantize(Decimal("0.1"))
        if each * len(members) != self.cleaned_data["hours"]:
            raise forms.ValidationError(
                _(
                    "The hours cannot be split evenly between the members; choose other hours or members."
                )
            )
        return dict.fromkeys(members, each)


class PsychologistForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Hours"), max_digits=5, decimal_places=1, min_value=Decimal("0.5")
    )


class CrisisForm(forms.ModelForm):
    class Meta:
        model = CrisisRequest
        fields = ["workplace", "description"]


class PoolApplicationForm(forms.ModelForm):
    class Meta:
        model = PoolApplication
        fields = ["workplace", "year", "challenge", "provider", "estimated_cost", "pilot"]
        field_classes = {"estimated_cost": AmountField}


class GrantForm(forms.Form):
    share_workplace = AmountField(label=_("The workplace's share (DKK)"))
    share_area_chef = AmountField(label=_("The area chef's share (DKK)"))
    share_pool = AmountField(label=_("The pool's share (DKK)"))
    override_reason = forms.CharField(
        label=_("Reason to overspend the pool (only if needed)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"))
    note = forms.CharField(
        label=_("Note or reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    spent = AmountField(label=_("Spent from the pool so far (DKK)"), required=False)

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = phases

    @staticmethod
    def choices_for(application: PoolApplication) -> list[tuple[str, str]]:
        """The current phase first (and chosen), then the phases that may follow it."""
        current = Phase(application.phase)
        now = _("%(phase)s (now)") % {"phase": current.label}
        return [(current, now), *((p, Phase(p).label) for p in application.next_phases())]


class PoolForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = AmountField(label=_("The pool (DKK)"), min_value=0)


class CoachForm(forms.ModelForm):
    class Meta:
        model = Coach
        fields = ["name", "firm", "certification", "email", "phone", "hourly_rate", "active"]
        field_classes = {"hourly_rate": AmountField}


class SparringRequestForm(forms.ModelForm):
    class Meta:
        model = SparringRequest
        fields = ["why", "wishes"]

    def __init__(self, *args, leader, **kwargs):
        super().__init__(*args, **kwargs)
        self.leader = leader

    def clean_why(self):
        why = self.cleaned_data["why"]
        if why == SparringRequest.Why.NEW_LEADER and not is_new_leader(self.leader):
            raise forms.ValidationError(
                _(
                    "A sparring partner for new leaders is offered in the first 12 months; choose 'I have a new area' if that is why."
                )
            )
        return why


class VolunteerForm(forms.ModelForm):
    class Meta:
        model = Volunteer
        fields = ["capacity", "experience", "areas", "active"]
