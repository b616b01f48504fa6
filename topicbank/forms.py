from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from meetings.models import Kind, Round
from nyborg_ledelse.uploads import checked_material_file

from .models import AgendaItem, State, Tag, Theme, Topic

http_url = URLValidator(schemes=["http", "https"], message=_("'%(value)s' is not an http(s) link."))


class TopicForm(forms.ModelForm):
    links = forms.CharField(
        label=_("Links to articles or video clips"),
        help_text=_("One link per line, starting with https://"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    file = forms.FileField(
        label=_("Add a file"),
        help_text=_("PDF, Word, PowerPoint, Excel or an image."),
        required=False,
    )
    confirm_new = forms.BooleanField(
        label=_("Yes, this is a new topic"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Topic
        fields = ["title", "description", "agenda_item", "theme", "tags", "speaker", "anonymous"]
        widgets = {
            "agenda_item": forms.RadioSelect,
            "theme": forms.RadioSelect,
            "tags": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = Tag.objects.all()
        # Radio buttons with no empty "choose one" option: the field is required anyway.
        self.fields["agenda_item"].choices = AgendaItem.choices
        self.fields["theme"].choices = Theme.choices

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for link in links:
            http_url(link)
        return links

    def clean_file(self):
        return checked_material_file(self.cleaned_data.get("file"))


class MoveForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"), choices=State.choices)
    round_ = forms.ModelChoiceField(
        label=_("Round"),
        queryset=Round.objects.filter(kind=Kind.GROUPS).order_by("-week_start"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TopicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item"), required=False, coerce=int, empty_value=None
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=Tag.objects.all(), required=False, empty_label=_("All tags")
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("support", _("Most supported")), ("new", _("Newest"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), *State.choices]
        self.fields["agenda_item"].choices = [("", _("All agenda items")), *AgendaItem.choices]
        self.fields["theme"].choices = [("", _("All themes")), *Theme.choices]
