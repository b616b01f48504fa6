from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Meeting

from .exercises import PROBLEM_TYPES, RESISTANCE_SOURCES, TENSION_FIELDS, TENSION_LEVELS
from .models import Commitment, Exercise
from .services import CommitmentDraft, FollowUp, later_meetings
from .surveys import ROUND_TEMPLATES


class VersionedForm(forms.Form):
    # The version the editor started from: two editors never overwrite each other silently.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def add_question_fields(self, questions, initial: dict) -> None:
        """One pair of Do's/Don'ts (or one text) per structured question of the round."""
        for question in questions:
            answer = initial.get(str(question.pk), {})
            parts = (
                [("dos", _("Do's")), ("donts", _("Don'ts"))]
                if question.dos_and_donts
                else [("text", _("Answer"))]
            )
            for part, label in parts:
                self.fields[f"q{question.pk}_{part}"] = forms.CharField(
                    label=f"{question.theme} – {label}",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    initial=answer.get(part, ""),
                )

    def answers(self, questions) -> dict:
        result = {}
        for question in questions:
            parts = ["dos", "donts"] if question.dos_and_donts else ["text"]
            result[str(question.pk)] = {
                p: self.cleaned_data.get(f"q{question.pk}_{p}", "").strip() for p in parts
            }
        return result


class SummaryForm(VersionedForm):
    talked_about = forms.CharField(
        label=_("What did we talk about?"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    why = forms.CharField(
        label=_("Why did we talk about it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, items, questions, summary=None, **kwargs):
        super().__init__(*args, **kwargs)
        notes = summary.item_notes if summary else {}
        for item in items:
            self.fields[f"item{item.number}"] = forms.CharField(
                label=_("Notes on item %(number)d: %(title)s")
                % {"number": item.number, "title": item.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=notes.get(str(item.number), ""),
            )
        self.add_question_fields(questions, summary.answers if summary else {})
        self.items, self.questions = items, questions

    def clean(self):
        data = super().clean()
        if not any(data.get(f) for f in ("talked_about", "why")):
            raise forms.ValidationError(_("Write at least what the group talked about."))
        return data

    def fields_to_save(self) -> dict:
        data = self.cleaned_data
        return {
            "talked_about": data["talked_about"].strip(),
            "why": data["why"].strip(),
            "item_notes": {
                str(item.number): data[f"item{item.number}"].strip()
                for item in self.items
                if data.get(f"item{item.number}", "").strip()
            },
            "answers": self.answers(self.questions),
        }


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.round.title}, {meeting.day:%d.%m.%Y}"


class CommitmentForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("What will we do?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_meeting = MeetingChoiceField(
        label=_("To be followed up at"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("The next meeting"),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_meeting"].queryset = meetings


# A summary holds a few commitments; the cap keeps a forged form count from making the server
# build thousands of forms.
CommitmentFormSet = forms.formset_factory(
    CommitmentForm, extra=2, max_num=30, absolute_max=30, validate_max=True
)


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What became of it?"),
        choices=[("", _("Not followed up yet")), *Commitment.Outcome.choices],
        required=False,
    )
    note = forms.CharField(label=_("What happened?"), max_length=500, required=False)

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment = commitment


class CommitmentsForm:
    """The summary's "what will we do with it?" as commitments, and the follow-up of the
    commitments made at earlier meetings (agenda item 2), saved with the summary."""

    def __init__(self, data, *, meeting, summary):
        own = list(summary.commitments.all()) if summary else []
        self.commitments = CommitmentFormSet(
            data,
            prefix="commitments",
            form_kwargs={"meetings": later_meetings(meeting)},
            initial=[{"pk": c.pk, "text": c.text, "due_meeting": c.due_meeting} for c in own],
        )
        self.follow_ups = [
            FollowUpForm(
                data,
                prefix=f"follow{commitment.pk}",
                commitment=commitment,
                initial={"outcome": commitment.outcome, "note": commitment.outcome_note},
            )
            for commitment in Commitment.objects.to_follow_up_at(meeting)
        ]

    def is_valid(self) -> bool:
        return all([self.commitments.is_valid(), *(f.is_valid() for f in self.follow_ups)])

    def fields_to_save(self) -> dict:
        return {
            "commitments": [
                CommitmentDraft(
                    text=form.cleaned_data["text"],
                    due_meeting=form.cleaned_data["due_meeting"],
                    pk=form.cleaned_data["pk"],
                )
                for form in self.commitments
                if form.cleaned_data.get("text", "").strip()
            ],
            "follow_ups": [
                FollowUp(form.commitment, form.cleaned_data["outcome"], form.cleaned_data["note"])
                for form in self.follow_ups
            ],
        }


class FeedbackForm(VersionedForm):
    text = forms.CharField(
        label=_("Feedback to the chef group"),
        help_text=_("Only what the group agrees to pass on. Name no one."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    nothing_to_report = forms.BooleanField(
        label=_("The group has nothing to report this time"), required=False
    )

    def __init__(self, *args, questions, feedback=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_question_fields(questions, feedback.answers if feedback else {})
        self.questions = questions

    def fields_to_save(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"].strip(),
            "nothing_to_report": data["nothing_to_report"],
            "answers": self.answers(self.questions),
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ShareForm(forms.Form):
    days = forms.IntegerField(label=_("Days for comments"), min_value=1, max_value=30)


RATING = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(forms.Form):
    good = forms.CharField(
        label=_("What was good today?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    missed = forms.CharField(
        label=_("What did we miss today?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    rating = forms.TypedChoiceField(
        label=_("Your rating of the meeting (1 = poor, 5 = very good)"),
        choices=RATING,
        coerce=int,
        widget=forms.RadioSelect,
    )


class SurveyForm(forms.Form):
    text = forms.CharField(
        label=_("Anything else?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        statements = {
            f"s{i}": forms.TypedChoiceField(
                label=statement, choices=RATING, coerce=int, widget=forms.RadioSelect
            )
            for i, statement in enumerate(kind.statements)
        }
        self.fields = {**statements, **self.fields}

    def scores(self) -> list[int]:
        return [self.cleaned_data[f"s{i}"] for i in range(len(self.kind.statements))]


class SurveyAttachForm(forms.Form):
    kind = forms.ChoiceField(label=_("Survey"), widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.title) for k in ROUND_TEMPLATES]


class ExerciseOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Exercise"), choices=Exercise.Kind.choices)
    agenda_item = forms.ModelChoiceField(
        label=_("At agenda item"), queryset=AgendaItem.objects.none()
    )
    task = forms.CharField(
        label=_("The task or problem"),
        max_length=300,
        required=False,
        help_text=_("The shared task the group looks at, in a few words."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.round.agenda_items.all()


class ResistanceForm(forms.Form):
    """The nine sources of resistance, each rated 1 (low) to 5 (high)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, source in enumerate(RESISTANCE_SOURCES):
            self.fields[f"s{i}"] = forms.TypedChoiceField(
                label=source, choices=RATING, coerce=int, widget=forms.RadioSelect
            )

    def scores(self) -> list[int]:
        return [self.cleaned_data[f"s{i}"] for i in range(len(RESISTANCE_SOURCES))]


class TensionForm(forms.Form):
    task = forms.CharField(label=_("The task or problem"), max_length=300, required=False)
    note = forms.CharField(
        label=_("Which pattern do you see?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = [("", "–"), *((str(k), v) for k, v in TENSION_LEVELS.items())]
        fields = {
            f"t{i}": forms.TypedChoiceField(
                label=field, choices=levels, coerce=int, empty_value=0, required=False
            )
            for i, field in enumerate(TENSION_FIELDS)
        }
        self.fields = {**fields, **self.fields}

    def marks(self) -> dict[str, int]:
        return {str(i): self.cleaned_data[f"t{i}"] for i in range(len(TENSION_FIELDS))}


class ProblemForm(forms.Form):
    task = forms.CharField(label=_("The task or problem"), max_length=300, required=False)
    problem_type = forms.ChoiceField(
        label=_("What type of problem is it?"), widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label=_("What does it mean for how you lead and work together?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_type"].choices = [
            (key, f"{problem.label} – {problem.description} {problem.leadership}")
            for key, problem in PROBLEM_TYPES.items()
        ]


class ChefAnswerForm(VersionedForm):
    text = forms.CharField(
        label=_("In general"),
        help_text=_("What the chef group answers beyond the themes."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, questions, answer=None, **kwargs):
        initial = {"version": answer.version, "text": answer.text} if answer else {}
        super().__init__(*args, initial=initial, **kwargs)
        for question in questions:
            self.fields[f"theme{question.pk}"] = forms.CharField(
                label=question.theme,
                help_text=_("What will the chef group do with the groups' feedback on this theme?"),
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                initial=answer.themes.get(str(question.pk), "") if answer else "",
            )
        self.questions = questions

    def themes(self) -> dict[str, str]:
        return {
            str(question.pk): self.cleaned_data[f"theme{question.pk}"].strip()
            for question in self.questions
            if self.cleaned_data.get(f"theme{question.pk}", "").strip()
        }

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not self.themes():
            raise forms.ValidationError(_("Write what the chef group will do with the feedback."))
        return data
