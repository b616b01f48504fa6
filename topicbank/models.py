"""The topic bank (Emnebank): what leaders propose for the groups to discuss."""

import os

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgendaItem(models.IntegerChoices):
    """The two items of the fixed agenda that take topics from the bank."""

    SHARED_FOCUS = 3, _("3. Shared leadership focus – a concrete and current task")
    GOOD_LEADERSHIP = 5, _("5. Good leadership – leadership as a profession")


class Theme(models.TextChoices):
    OPERATIONS = "operations", _("Operations theme")
    DEVELOPMENT = "development", _("Development theme")


class State(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    PLANNED = "planned", _("Planned for a round")
    DISCUSSED = "discussed", _("Discussed")
    ARCHIVED = "archived", _("Archived")
    DECLINED = "declined", _("Declined")


# Which state may follow which; only the chef group moves a topic.
TRANSITIONS: dict[str, set[str]] = {
    State.PROPOSED: {State.SHORTLISTED, State.DECLINED, State.ARCHIVED},
    State.SHORTLISTED: {State.PLANNED, State.PROPOSED, State.DECLINED, State.ARCHIVED},
    State.PLANNED: {State.DISCUSSED, State.SHORTLISTED},
    State.DISCUSSED: {State.PLANNED, State.ARCHIVED},
    State.ARCHIVED: {State.PROPOSED},
    State.DECLINED: {State.PROPOSED},
}
NEEDS_ROUND = {State.PLANNED, State.DISCUSSED}


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class TopicQuerySet(models.QuerySet):
    def with_support(self) -> "TopicQuerySet":
        return self.annotate(support_count=Count("supports", distinct=True))

    def search(self, words: str) -> "TopicQuerySet":
        query = Q()
        for word in words.split():
            query &= Q(title__icontains=word) | Q(description__icontains=word)
        return self.filter(query)


class Topic(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    agenda_item = models.PositiveSmallIntegerField(_("agenda item"), choices=AgendaItem.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="topics")
    speaker = models.CharField(
        _("outside speaker"),
        max_length=200,
        blank=True,
        help_text=_("Optional: who could give a talk."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="proposed_topics",
    )
    anonymous = models.BooleanField(
        _("anonymous to other leaders"),
        default=False,
        help_text=_("The chef group and HR still see who proposed it."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PROPOSED
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="declined_topic_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def may_move_to(self, state: str) -> bool:
        return state in TRANSITIONS[self.state]

    def allowed_next_states(self) -> set[str]:
        return TRANSITIONS[self.state]

    def proposer_shown_to(self, user) -> str | None:
        """The proposer's name as this user may see it; None means anonymous to them."""
        if not self.anonymous or user.pk == self.proposed_by_id or user.is_chef_group or user.is_hr:
            return self.proposed_by.full_name
        return None

    def rounds_discussed(self) -> list[str]:
        return [
            event.round_label for event in self.events.all() if event.to_state == State.DISCUSSED
        ]


class Support(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="supports")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "leader"], name="support_a_topic_once")
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} → {self.topic_id}"


class TopicEvent(models.Model):
    """Every state change, so a topic keeps the rounds it was planned for and discussed in."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    round = models.ForeignKey(
        "meetings.Round",
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topic_events",
    )
    # Free text from before rounds were linked, kept where no round matched it (see migration
    # 0002); new events always link the round.
    round_name = models.CharField(_("round (as written)"), max_length=100, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.from_state} → {self.to_state}"

    @property
    def round_label(self) -> str:
        return self.round.title if self.round_id else self.round_name


class TopicLink(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("link"), max_length=500)
    title = models.CharField(_("title of the link"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.title or self.url


class TopicFile(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="topics/%Y/")
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return os.path.basename(self.file.name)


def theme_balance(rounds: int = 6) -> list[dict]:
    """Operations and development topics per round for the newest rounds, with bar widths.

    The chef group's board shows it so a round can mix both kinds, as the concept asks. A topic
    counts once per round, however often it was planned for it.
    """
    from meetings.models import Round

    newest = (
        Round.objects.filter(topic_events__to_state__in=[State.PLANNED, State.DISCUSSED])
        .annotate(
            operations=Count(
                "topic_events__topic",
                filter=Q(topic_events__topic__theme=Theme.OPERATIONS),
                distinct=True,
            ),
            development=Count(
                "topic_events__topic",
                filter=Q(topic_events__topic__theme=Theme.DEVELOPMENT),
                distinct=True,
            ),
        )
        .order_by("-week_start")[:rounds]
    )
    rows = [
        {
            "round": round_,
            "round_name": round_.title,
            "operations": round_.operations,
            "development": round_.development,
        }
        for round_ in reversed(newest)
    ]
    widest = max([row["operations"] + row["development"] for row in rows] or [1])
    for row in rows:
        row["operations_width"] = round(300 * row["operations"] / widest)
        row["development_width"] = round(300 * row["development"] / widest)
    return rows
