"""The confidential room: a meeting's summary and its feedback to the chef group, evaluations,
surveys, and the log of who read them. None of these are registered in the Django admin.

The tables keep the names they had when these models lived in the meetings app (moved by state
only, see migrations/0001_initial.py)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Round


class Summary(models.Model):
    """Opsamling: what we talked about, why, and what we will do with it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMMENTING = "commenting", _("Open for comments")
        PUBLISHED = "published", _("Published to the group")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="summary")
    talked_about = models.TextField(_("What did we talk about?"), blank=True)
    why = models.TextField(_("Why did we talk about it?"), blank=True)
    # "What will we do with it?" is the summary's commitments (Commitment below).
    item_notes = models.JSONField(default=dict, blank=True)  # agenda item number → text
    answers = models.JSONField(default=dict, blank=True)  # question id → {"dos", "donts"}
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    comment_until = models.DateField(_("comments until"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Raised on every save; an editor who started from an older version is stopped.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "meetings_summary"

    def __str__(self) -> str:
        return f"Summary {self.meeting_id}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def texts(self) -> list[str]:
        """Every text a reader sees, in the order the name check reports it."""
        texts = [self.talked_about, self.why, *self.item_notes.values()]
        for answer in self.answers.values():
            texts += list(answer.values())
        texts += [commitment.text for commitment in self.commitments.all()]
        texts += [commitment.outcome_note for commitment in self.follow_ups.all()]
        return [text for text in texts if text]


class CommitmentQuerySet(models.QuerySet):
    def open(self) -> "CommitmentQuerySet":
        return self.filter(outcome="")

    def of_group(self, group) -> "CommitmentQuerySet":
        return self.filter(summary__meeting__group=group)

    def to_follow_up_at(self, meeting: Meeting) -> "CommitmentQuerySet":
        """What the group said at earlier meetings it would do, for agenda item 2 of this one:
        still open, or followed up in this meeting's own summary."""
        return (
            self.of_group(meeting.group)
            .filter(summary__meeting__day__lt=meeting.day)
            .filter(models.Q(outcome="") | models.Q(followed_up_in__meeting=meeting))
            .select_related("summary__meeting__round", "due_meeting")
        )


class Commitment(models.Model):
    """One thing the group will do ("hvad vil vi gøre med det"), written in a meeting's summary.

    At a later meeting the host records under agenda item 2 what became of it; a continued one is
    written again in that meeting's summary (carried_from), so it comes up at the next one."""

    class Outcome(models.TextChoices):
        DONE = "done", _("Done")
        CONTINUED = "continued", _("Continued")
        DROPPED = "dropped", _("Dropped")

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("What will we do?"))
    due_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("to be followed up at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments_due",
    )
    position = models.PositiveSmallIntegerField(default=0)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_on"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("what happened"), max_length=500, blank=True)
    followed_up_in = models.ForeignKey(
        Summary, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["summary__meeting__day", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return not self.outcome


class SummaryComment(models.Model):
    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "meetings_summarycomment"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment {self.pk}"


class Feedback(models.Model):
    """Tilbagemelding: what the group decided to tell the chef group, naming no one."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField(_("Feedback to the chef group"), blank=True)
    answers = models.JSONField(default=dict, blank=True)  # question id → {"dos", "donts"}
    nothing_to_report = models.BooleanField(_("The group has nothing to report"), default=False)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "meetings_feedback"

    def __str__(self) -> str:
        return f"Feedback {self.meeting_id}"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    def texts(self) -> list[str]:
        texts = [self.text]
        for answer in self.answers.values():
            texts += list(answer.values())
        return [text for text in texts if text]


class MentionAgreementQuerySet(models.QuerySet):
    def in_force(self):
        """Asked, agreed or declined: not voided by a change of the sentence."""
        return self.exclude(status=MentionAgreement.Status.VOID)


class MentionAgreement(models.Model):
    """The named person's own answer to whether a sentence about them may stay in a summary or
    feedback. Kept with who, when and the exact sentence: a changed sentence voids it, and the
    check then finds the name again."""

    class Status(models.TextChoices):
        ASKED = "asked", _("waiting for an answer")
        AGREED = "agreed", _("agreed")
        DECLINED = "declined", _("declined")
        VOID = "void", _("void: the sentence was changed")

    class Document(models.TextChoices):
        SUMMARY = "summary", _("the summary")
        FEEDBACK = "feedback", _("the feedback to the chef group")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="mention_agreements"
    )
    document = models.CharField(max_length=10, choices=Document.choices)
    text = models.CharField(_("the words found"), max_length=200)
    sentence = models.TextField(_("the sentence"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mention_agreements",
        verbose_name=_("the named person"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = MentionAgreementQuerySet.as_manager()

    class Meta:
        # The host's page looks up the agreements of one meeting's summary or feedback.
        indexes = [models.Index(fields=["meeting", "document"], name="mention_by_document")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="asked")
                | models.Q(answered_at__isnull=False)
                | models.Q(status="void"),
                name="mention_answer_has_a_time",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED

    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence around the words found, to show them marked in place."""
        before, found, after = self.sentence.partition(self.text)
        return (before, found, after) if found else (self.sentence, "", "")


class EvaluationAnswer(models.Model):
    """One attendee's evaluation of a meeting: no author, no time, a random key (anonymous)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="evaluations")
    good = models.TextField(_("What was good today?"), blank=True)
    missed = models.TextField(_("What did we miss today?"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("Your rating of the meeting (1–5)"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        db_table = "meetings_evaluationanswer"

    def __str__(self) -> str:
        return f"Evaluation of {self.meeting_id}"


class EvaluationReceipt(models.Model):
    """That a leader answered (never what): one answer each, and who still needs a reminder.

    A random key and no time, like the answers: nothing stored orders receipts and answers alike.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="evaluation_receipts"
    )
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "meetings_evaluationreceipt"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "leader"], name="evaluate_a_meeting_once")
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} evaluated {self.meeting_id}"


class Survey(models.Model):
    """A questionnaire: the concept after a group's 6th meeting, or a template attached to a round."""

    kind = models.CharField(max_length=30)  # a key of meetings.surveys.SURVEYS
    group = models.ForeignKey(
        "groups.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="surveys"
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="surveys"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "meetings_survey"
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "group"],
                condition=models.Q(round__isnull=True),
                name="one_concept_survey_per_group",
            ),
            models.UniqueConstraint(
                fields=["kind", "round"],
                condition=models.Q(round__isnull=False),
                name="one_survey_of_a_kind_per_round",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        from .surveys import SURVEYS

        return str(SURVEYS[self.kind].title)


class SurveyResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # The respondent's group, so results can be shown per group (never below the minimum).
    group = models.ForeignKey("groups.Group", on_delete=models.PROTECT, null=True, related_name="+")
    scores = models.JSONField()  # one 1–5 per statement, as answered
    text = models.TextField(blank=True)

    class Meta:
        db_table = "meetings_surveyresponse"

    def __str__(self) -> str:
        return f"Response to {self.survey_id}"


class SurveyReceipt(models.Model):
    # Random, like EvaluationReceipt's: a counting key would give the order people answered in.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "meetings_surveyreceipt"
        constraints = [
            models.UniqueConstraint(fields=["survey", "leader"], name="answer_a_survey_once")
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} answered {self.survey_id}"


class AccessLogQuerySet(models.QuerySet):
    def about_group(self, group) -> "AccessLogQuerySet":
        """Reads of a group's summaries and feedback: what its members see on the group page."""
        return self.filter(
            meeting__group=group, what__in=[AccessLog.What.SUMMARY, AccessLog.What.FEEDBACK]
        )


class AccessLog(models.Model):
    """Who read which confidential record when; administrators see this, never the texts."""

    class What(models.TextChoices):
        SUMMARY = "summary", _("Summary")
        FEEDBACK = "feedback", _("Feedback to the chef group")
        EVALUATION = "evaluation", _("Evaluation answers")
        SURVEY = "survey", _("Survey results")
        REPORT = "report", _("Compiled round report")
        EXERCISE = "exercise", _("Workshop exercise results")

    who = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=12, choices=What.choices)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        db_table = "meetings_accesslog"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.who_id} {self.what} {self.at:%Y-%m-%d %H:%M}"


# --- the workshop's exercises (seed 003) ---------------------------------------------------------


class Exercise(models.Model):
    """One of the workshop's three exercises, run by the host with the group at an agenda item.

    The results belong to the group: only the group on the meeting's day and its host see them,
    and they go into the summary only when the group wants them there."""

    class Kind(models.TextChoices):
        RESISTANCE = "resistance", _("Sources of resistance to cross-cutting work")
        TENSION = "tension", _("The task's tension fields")
        PROBLEM = "problem", _("The problem's type and the leadership it asks for")

    class ProblemType(models.TextChoices):
        CRITICAL = "critical", _("Critical problem")
        TAME = "tame", _("Tame problem")
        WICKED = "wicked", _("Wicked problem")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="exercises")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="exercises",
    )
    kind = models.CharField(_("exercise"), max_length=20, choices=Kind.choices)
    task = models.CharField(
        _("the task or problem"),
        max_length=300,
        blank=True,
        help_text=_("The shared task the group looks at, in a few words."),
    )
    # The six tension fields: position → 1 (low) … 3 (high), marked by the group together.
    marks = models.JSONField(default=dict, blank=True)
    problem_type = models.CharField(
        _("type of problem"), max_length=10, choices=ProblemType.choices, blank=True
    )
    note = models.TextField(_("what the group notes"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    # No results while it is open: answers come in one by one and could be told apart.
    closed_at = models.DateTimeField(null=True, blank=True)
    in_summary_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agenda_item__number", "opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agenda_item", "kind"], name="one_exercise_of_a_kind_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.meeting_id})"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ExerciseAnswer(models.Model):
    """One member's ratings of the nine sources of resistance: no author, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="answers")
    scores = models.JSONField()  # nine 1–5, in the seed's order

    def __str__(self) -> str:
        return f"Answer to {self.exercise_id}"


class ExerciseReceipt(models.Model):
    """That a member answered (never what): one answer each."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="receipts")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["exercise", "leader"], name="answer_an_exercise_once")
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} answered {self.exercise_id}"


# --- the chef group's answer to a round's report ---------------------------------------------------


class ChefGroupAnswerQuerySet(models.QuerySet):
    def published(self) -> "ChefGroupAnswerQuerySet":
        return self.filter(published_at__isnull=False)


class ChefGroupAnswer(models.Model):
    """The chef group's answer to a round's report: per theme, what it will do with the groups'
    feedback. The draft is the chef group's; published, it is every leader's (nothing in it is
    confidential) and is shown at each group's next meeting under item 2 and on the front page."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="chef_answer")
    themes = models.JSONField(default=dict, blank=True)  # question id → what we will do
    text = models.TextField(_("In general"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ChefGroupAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(published_by__isnull=False),
                name="chef_answer_published_by_someone",
            )
        ]

    def __str__(self) -> str:
        return f"Chef group's answer {self.round_id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def sections(self) -> list[tuple[str, str]]:
        """(theme, what the chef group will do) in the round's order, then the general answer."""
        sections = [
            (question.theme, self.themes.get(str(question.pk), ""))
            for question in self.round.questions.all()
        ]
        if self.text:
            sections.append((str(_("In general")), self.text))
        return [(theme, text) for theme, text in sections if text]
