from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nyborg_ledelse.organisation.models import Leader

from .models import Group


class ContractForm(forms.Form):
    text = forms.CharField(
        label=_("The group's contract on its collaboration"),
        help_text=_(
            "What you have agreed in the group: how you meet, how you speak to each other, "
            "and what stays in the room."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=20_000,
    )
    # The version the editor started from, so two editors never overwrite each other silently.
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProposalForm(forms.Form):
    min_size = forms.IntegerField(label=_("Smallest group"), min_value=2, max_value=50)
    max_size = forms.IntegerField(label=_("Largest group"), min_value=2, max_value=50)
    tolerance_percent = forms.IntegerField(
        label=_("Tolerance (%)"),
        min_value=0,
        max_value=100,
        help_text=_(
            "How much less even the mix may be than the best found from scratch, to move fewer "
            "leaders."
        ),
    )

    def __init__(self, *args, **kwargs):
        config = settings.GROUPS
        kwargs.setdefault(
            "initial",
            {
                "min_size": config["MIN_SIZE"],
                "max_size": config["MAX_SIZE"],
                "tolerance_percent": config["TOLERANCE_PERCENT"],
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("min_size") and data.get("max_size") and data["min_size"] > data["max_size"]:
            raise forms.ValidationError(
                _("The smallest group cannot be larger than the largest group.")
            )
        return data


class MoveForm(forms.Form):
    """An administrator moves one leader by hand; only that leader's meetings change."""

    leader = forms.ModelChoiceField(
        label=_("Leader"), queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )
    group = forms.ModelChoiceField(
        label=_("To group"), queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = Leader.objects.store_ledergruppe().order_by(
            "first_name", "last_name"
        )
        self.fields["group"].queryset = Group.objects.all()


class HostingForm(forms.Form):
    role = forms.ChoiceField(label=_("Appointed as"), choices=[])
    leader = forms.ModelChoiceField(label=_("Chef or director"), queryset=None)
    starts_on = forms.DateField(
        label=_("From"),
        help_text=_("Today or later: an appointment never gives access to earlier meetings."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        from nyborg_ledelse.organisation.models import Leader

        from .models import HostRole

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = HostRole.choices
        self.fields["leader"].queryset = (
            Leader.objects.chef_group().filter(is_active=True).order_by("first_name", "last_name")
        )
        self.fields["leader"].label_from_instance = lambda leader: leader.full_name


class HostingEndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Last day is the day before"),
        help_text=_("Today or later."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
