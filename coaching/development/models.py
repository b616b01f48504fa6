"""Leader development: the introduction of new leaders, the personal leadership foundation,
development talks (LUS), the leader evaluation every second year and education agreements.

What HR keeps for everyone (the introduction template, the municipality's leadership foundation,
the LUS questions) is plain text without personal data. What belongs to one leader is private to
the leader and their manager; HR reads only aggregates (reports.py).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A new leader's introduction is created for starts up to this long ago (a late register import
# or an administrator's entry after the first day still gets one) and this far ahead.
INTRODUCTION_WINDOW_BACK = datetime.timedelta(days=90)
INTRODUCTION_WINDOW_AHEAD = datetime.timedelta(days=60)
EVALUATION_EVERY_YEARS = 2

# The seed's topics for the individually planned introduction (001, section 1).
PLAN_TOPICS = [
    _("Success criteria"),
    _("Aligning expectations"),
    _("Local policies and rules"),
    _("Major ongoing projects"),
    _("Ongoing conflicts or challenges"),
    _("Meeting forums"),
    _("Network and mentor programme"),
    _("Meeting consultants and key persons"),
    _("Routines"),
    _("Introduction to IT systems"),
]


class DefaultedQuerySet(models.QuerySet):
    def listed(self) -> list:
        """The rows HR keeps; the municipality's defaults (unsaved, so reading never writes) while
        HR has stored none. They are stored by the write service (services.hr_text_save) and by
        the demo, never by a read."""
        rows = list(self)
        if rows or self.model.objects.exists():
            return rows
        from .defaults import defaults_for

        return defaults_for(self.model)

    def in_use(self) -> list:
        return [row for row in self.listed() if row.active]


class TemplateItem(models.Model):
    """One step of the municipality's introduction programme, kept by HR."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(
        _("link"), blank=True, help_text=_("For example the guide 'Lettere vej for ledere'.")
    )
    days_after_start = models.PositiveSmallIntegerField(
        _("days after the start"),
        null=True,
        blank=True,
        help_text=_("Gives the item its date in a new programme; empty leaves it for the manager."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    objects = DefaultedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("introduction template item")
        verbose_name_plural = _("introduction template items")

    def __str__(self) -> str:
        return self.title


class FoundationText(models.Model):
    """A section of the municipality's leadership foundation or codes, kept by HR."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("leadership foundation section")
        verbose_name_plural = _("leadership foundation sections")

    def __str__(self) -> str:
        return self.title


class TalkQuestion(models.Model):
    """A preparation question for the development talk, drawn from the leadership foundation."""

    text = models.TextField(_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    objects = DefaultedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("development talk question")
        verbose_name_plural = _("development talk questions")

    def __str__(self) -> str:
        return self.text[:60]


class ProgrammeQuerySet(models.QuerySet):
    def managed_by(self, user) -> "ProgrammeQuerySet":
        # The plan belongs to the leader's manager now, so a change of manager hands it over.
        return self.filter(leader__reports_to=user)


class Programme(models.Model):
    """A new leader's introduction: the template's items plus what the manager plans."""

    leader = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        related_name="introduction",
    )
    start_date = models.DateField(_("start date"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("introduction programme")
        verbose_name_plural = _("introduction programmes")

    def __str__(self) -> str:
        return f"{self.leader_id} {self.start_date}"

    def get_absolute_url(self) -> str:
        return reverse("development:introduction", args=[self.pk])

    @property
    def manager(self):
        return self.leader.reports_to

    def progress(self, today: datetime.date | None = None) -> "Progress":
        today = today or timezone.localdate()
        items = list(self.items.all())
        return Progress(
            total=len(items),
            done=sum(1 for item in items if item.done_at),
            overdue=sum(1 for item in items if item.is_overdue(today)),
        )


@dataclass(frozen=True)
class Progress:
    """How far a programme has come: the only thing HR sees of it."""

    total: int
    done: int
    overdue: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def tenths(self) -> int:
        """For the page's bar (classes bar-0 … bar-10; the CSP allows no inline widths)."""
        return round(self.percent / 10)

    @property
    def on_time(self) -> bool:
        return self.overdue == 0


class ItemQuerySet(models.QuerySet):
    def open(self) -> "ItemQuerySet":
        return self.filter(done_at__isnull=True)


class Item(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items")
    template_item = models.ForeignKey(
        TemplateItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), blank=True)
    due_date = models.DateField(_("date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        # The checklist reads in date order; undated items (still to be planned) come last.
        ordering = [models.F("due_date").asc(nulls_last=True), "position", "pk"]
        verbose_name = _("introduction item")
        verbose_name_plural = _("introduction items")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.done_at is None and self.due_date is not None and self.due_date < today


class Comment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


class PersonalFoundation(models.Model):
    """The leader's own leadership foundation; private until the leader shares it."""

    leader = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_foundation"
    )
    share_with_manager = models.BooleanField(_("share with my manager"), default=False)
    share_with_group = models.BooleanField(_("share with my cross-cutting group"), default=False)

    class Meta:
        verbose_name = _("personal leadership foundation")

    def __str__(self) -> str:
        return str(self.leader_id)

    def current(self) -> "FoundationVersion | None":
        return self.versions.first()


class FoundationVersion(models.Model):
    foundation = models.ForeignKey(
        PersonalFoundation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    text = models.TextField(_("my leadership foundation"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["foundation", "number"], name="one_foundation_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.foundation_id} v{self.number}"


class TalkQuerySet(models.QuerySet):
    def held(self) -> "TalkQuerySet":
        return self.filter(held_on__isnull=False)


class Talk(models.Model):
    """A yearly development talk (lederudviklingssamtale, LUS) between a leader and manager."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_talks"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    booked_for = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=150, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = TalkQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-booked_for"]
        verbose_name = _("development talk")
        constraints = [
            models.UniqueConstraint(fields=["leader", "year"], name="one_development_talk_a_year"),
            models.CheckConstraint(
                condition=~Q(leader=models.F("manager")), name="talk_not_with_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("development:talk", args=[self.pk])


class Preparation(models.Model):
    """The leader's notes for one question; the question is copied so later edits by HR do not
    change what the leader answered."""

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="preparation")
    question = models.TextField()
    answer = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.question[:40]


class Evaluation(models.Model):
    """A leader evaluation that took place (the evaluation tool itself is outside the product)."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leader_evaluations"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("leader evaluation")

    def __str__(self) -> str:
        return f"{self.leader_id} {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("development:evaluation", args=[self.pk])


def evaluation_due_year(leader, today: datetime.date | None = None) -> int:
    """Every second year: two years after the last one; a leader without one is due this year,
    a leader who starts this year is due next year."""
    today = today or timezone.localdate()
    last = leader.leader_evaluations.order_by("-held_on").first()
    if last is not None:
        return last.held_on.year + EVALUATION_EVERY_YEARS
    if leader.start_date and leader.start_date.year == today.year:
        return today.year + 1
    return today.year


class Offer(models.TextChoices):
    NONE = "", _("No particular offer")
    COACHING = "coaching", _("Coaching")
    SPARRING = "sparring", _("Sparring partner")
    EDUCATION = "education", _("Education")
    COURSE = "course", _("Course")
    NETWORK = "network", _("Network outside the municipality")


class Goal(models.Model):
    """An agreed development goal, from a talk or an evaluation; both parties see it."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_goals"
    )
    talk = models.ForeignKey(
        Talk, on_delete=models.CASCADE, null=True, blank=True, related_name="goals"
    )
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, null=True, blank=True, related_name="goals"
    )
    text = models.TextField(_("goal"), max_length=2000)
    offer = models.CharField(_("offer"), max_length=20, choices=Offer.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("development goal")
        constraints = [
            models.CheckConstraint(
                condition=Q(talk__isnull=True) ^ Q(evaluation__isnull=True),
                name="goal_from_a_talk_or_an_evaluation",
            )
        ]

    def __str__(self) -> str:
        return self.text[:40]

    def offer_url(self) -> str:
        """Where the offer is requested, for the offers the product runs itself."""
        names = {Offer.COACHING: "coaching:mine", Offer.SPARRING: "coaching:sparring"}
        return reverse(names[self.offer]) if self.offer in names else ""


class Education(models.TextChoices):
    DIL = "dil", _("Diploma in leadership (DIL)")
    DOL = "dol", _("The public leadership education (DOL)")
    MPG = "mpg", _("Master of Public Governance (MPG)")
    MODULE = "module", _("Single module")
    INTERNAL = "internal", _("Internal course")


class Status(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class AgreementQuerySet(models.QuerySet):
    def current(self) -> "AgreementQuerySet":
        return self.filter(status__in=[Status.AGREED, Status.ONGOING])


class Agreement(models.Model):
    """An education agreed between a leader and their chef, with the financing they agreed."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="education_agreements"
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    title = models.CharField(
        _("module or course"), max_length=200, blank=True, help_text=_("For example a module.")
    )
    provider = models.CharField(_("provider"), max_length=150, blank=True)
    ects = models.DecimalField(_("ECTS"), max_digits=4, decimal_places=1, default=0)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    financing = models.TextField(_("financing agreed with the chef"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AGREED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("education agreement")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="education_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ects__gte=0) & Q(ects__lte=120), name="education_ects_in_range"
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
                name="completed_education_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.education}"
