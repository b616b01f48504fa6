from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds
from .models import Delivery, Preference, State

DAILY_CHOICES = [
    (key, _("In a daily digest (morning)") if key == Delivery.DIGEST else label)
    for key, label in Delivery.choices
]


class PreferencesForm(forms.Form):
    """One choice per kind of message that is not about a meeting date."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
        for kind in kinds.optional_kinds():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=DAILY_CHOICES if kind.daily_digest else Delivery.choices,
                initial=chosen.get(kind.key, Delivery.IMMEDIATE),
                widget=forms.RadioSelect,
                required=False,  # a kind left out keeps its current choice
            )


class OutboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *State.choices]
    )
