"""A year of meeting rounds: the fixed agenda, every group's meeting, apologies and attendance."""

import datetime
import secrets
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..agenda_template import DEFAULT_ITEMS, ITEM_NUMBERS, TOPIC_ITEMS


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100)
    building = models.CharField(_("building"), max_length=100)
    seats = models.PositiveSmallIntegerField(_("seats"))
    accessible = models.BooleanField(_("step-free access"), default=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["building", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["building", "name"],
                name="room_name_per_building",
                violation_error_message=_("The building already has a room with this name."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.building}"


class AgendaTemplateQuerySet(models.QuerySet):
    def template(self) -> list["AgendaTemplateItem"]:
        """The items as the chef group keeps them; the concept paper's text for an item never
        saved (unsaved, so reading never writes)."""
        saved = {item.number: item for item in self}
        return [
            saved.get(number) or self.model(number=number, title=title, text=text)
            for number, title, text in DEFAULT_ITEMS
        ]


class AgendaTemplateItem(models.Model):
    """The fixed agenda the chef group keeps; each round starts from it."""

    number = models.PositiveSmallIntegerField(_("item"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))

    objects = AgendaTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Kind(models.TextChoices):
    GROUPS = "groups", _("Group meetings")
    SEMINAR = "seminar", _("Leadership seminar")


# The concept's year: three group rounds and one joint seminar. More is possible, but asked twice.
ROUNDS_A_YEAR = {Kind.GROUPS: 3, Kind.SEMINAR: 1}


class RoundQuerySet(models.QuerySet):
    def published(self) -> "RoundQuerySet":
        return self.filter(published_at__isnull=False)

    def in_year(self, year: int) -> "RoundQuerySet":
        return self.filter(week_start__year=year)


class Round(models.Model):
    """Either one of the year's group rounds (all groups in one week) or the joint seminar."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GROUPS)
    title = models.CharField(_("title"), max_length=100)
    week_start = models.DateField(_("week (its Monday)"))
    days = models.JSONField(_("days"), default=list)  # ISO dates within the week
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("For the seminar or the common input.")
    )
    input_title = models.CharField(_("common input"), max_length=200, blank=True)
    input_speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    input_starts = models.TimeField(_("common input starts"), null=True, blank=True)
    # The input opens each day's meeting time: the planner gives its room to no group.
    input_room = models.ForeignKey(
        Room,
        verbose_name=_("room of the common input"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    shared_lunch = models.BooleanField(_("lunch together"), default=False)
    agenda_ready = models.BooleanField(_("agenda ready"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="round_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:round", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def input_place(self) -> str:
        return str(self.input_room) if self.input_room_id else self.place

    @property
    def is_seminar(self) -> bool:
        return self.kind == Kind.SEMINAR

    @property
    def day_dates(self) -> list[datetime.date]:
        return sorted(datetime.date.fromisoformat(day) for day in self.days)

    def clean(self) -> None:
        errors = {}
        if self.week_start and self.week_start.weekday() != 0:
            errors["week_start"] = _("The week starts on a Monday.")
        week = (
            {self.week_start + datetime.timedelta(days=k) for k in range(7)}
            if self.week_start
            else set()
        )
        outside = [day for day in self.day_dates if day not in week]
        if outside:
            errors["days"] = _("%(days)s is not in the round's week.") % {
                "days": ", ".join(f"{day:%d.%m.%Y}" for day in outside)
            }
        if not self.days:
            errors["days"] = _("Choose at least one day.")
        if self.is_seminar and len(self.days) > 1:
            errors["days"] = _("The seminar is held on one day.")
        if self.starts and self.ends and not self.is_seminar:
            minutes = (
                datetime.datetime.combine(datetime.date.min, self.ends)
                - datetime.datetime.combine(datetime.date.min, self.starts)
            ).total_seconds() / 60
            if not 120 <= minutes <= 180:
                errors["ends"] = _("A group meeting lasts 2 to 3 hours.")
        if self.starts and self.ends and self.ends <= self.starts:
            errors["ends"] = _("The meeting must end after it starts.")
        if errors:
            raise ValidationError(errors)

    def others_that_year(self) -> "RoundQuerySet":
        """The year's other rounds of the same kind (the year of the round's week)."""
        return (
            Round.objects.in_year(self.week_start.year)
            .filter(kind=self.kind)
            .exclude(pk=self.pk)
            .order_by("week_start")
        )

    def is_beyond_the_norm(self) -> bool:
        return self.others_that_year().count() >= ROUNDS_A_YEAR[self.kind]

    def has_begun(self) -> bool:
        """Its first day's meetings have started: too late to invite anyone to the round."""
        if not self.days:
            return False
        first = datetime.datetime.combine(
            self.day_dates[0], self.starts, tzinfo=ZoneInfo(settings.TIME_ZONE)
        )
        return first <= timezone.now()

    def agenda_problems(self) -> list[str]:
        """Why the agenda cannot be published yet (empty when it can)."""
        items = {item.number: item for item in self.agenda_items.all()}
        problems = []
        if self.is_seminar:
            return problems
        if sorted(items) != list(ITEM_NUMBERS):
            problems.append(
                str(_("The agenda must have its %(count)d items.") % {"count": len(ITEM_NUMBERS)})
            )
        for number in TOPIC_ITEMS:
            item = items.get(number)
            if item is None or item.topic_id is None:
                problems.append(
                    str(
                        _("Item %(number)d needs a topic from the topic bank.") % {"number": number}
                    )
                )
        return problems


class AgendaItem(models.Model):
    """One item of a round's agenda, the same for every group."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("item"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    topic = models.ForeignKey(
        "topicbank.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="one_item_number_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Material(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="materials")
    item_number = models.PositiveSmallIntegerField(_("agenda item"))
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="materials/%Y/", blank=True)

    class Meta:
        ordering = ["item_number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="material_has_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SummaryQuestion(models.Model):
    """A structured question every group answers in its summary (for example a theme)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    theme = models.CharField(_("theme or question"), max_length=200)
    dos_and_donts = models.BooleanField(_("answered as Do's and Don'ts"), default=True)

    class Meta:
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.theme


class MeetingQuerySet(models.QuerySet):
    def for_leader(self, leader) -> "MeetingQuerySet":
        """The meetings a leader is asked to: their group's on its day, hosted ones, seminars."""
        from groups.models import Membership

        seats = Membership.objects.filter(leader=leader)
        member_of = Q()
        for seat in seats:
            span = Q(group_id=seat.group_id, day__gte=seat.joined_on)
            if seat.left_on:
                span &= Q(day__lt=seat.left_on)
            member_of |= span
        seminar = (
            Q(group__isnull=True)
            if leader.in_store_ledergruppe or leader.is_chef_group
            else Q(pk__in=[])
        )
        return self.filter(member_of | Q(host=leader) | seminar).filter(
            round__published_at__isnull=False
        )


class Meeting(models.Model):
    """A group's meeting in a round, or the seminar (no group)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="meetings")
    group = models.ForeignKey(
        "groups.Group", on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    day = models.DateField(_("day"))
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, null=True, blank=True
    )
    pinned = models.BooleanField(_("kept by the planner"), default=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE, raised on each change
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # A host who cannot come hands this one meeting to the co-host, who is then its host.
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handed_over_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["day", "group__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "group"], name="one_meeting_per_group_and_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.group or _('seminar')}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.day, self.round.starts, tzinfo=self.zone)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.day, self.round.ends, tzinfo=self.zone)

    @property
    def location(self) -> str:
        return str(self.room) if self.room else self.round.place

    @property
    def is_over(self) -> bool:
        return self.ends_at <= timezone.now()

    def has_begun(self) -> bool:
        """The one gate of everything after the meeting starts: its summary, feedback, evaluation
        and attendance open now; apologies, moves and cancelling close."""
        return self.starts_at <= timezone.now()

    def seats_needed(self) -> int:
        """The group, its host and co-host."""
        return 0 if self.group is None else self.group.seats_needed()

    def invited(self) -> list:
        """Who is asked to come: the group as it was on the day and its host; all for a seminar."""
        from nyborg_ledelse.organisation.models import Leader

        if self.group is None:
            return list(
                Leader.objects.filter(
                    Q(pk__in=Leader.objects.store_ledergruppe())
                    | Q(pk__in=Leader.objects.chef_group())
                ).order_by("last_name", "first_name")
            )
        members = sorted(self.group.members_on(self.day), key=lambda leader: leader.full_name)
        return [*([self.host] if self.host else []), *members]

    def co_host_on_the_day(self):
        """The group's co-host on the meeting's day, who may take the meeting over, or None."""
        from groups.models import HostRole

        if self.group is None:
            return None
        hosting = (
            self.group.hosts_on(self.day)
            .filter(role=HostRole.CO_HOST)
            .exclude(leader_id=self.host_id)
            .select_related("leader")
            .first()
        )
        return hosting.leader if hosting else None

    def is_hosted_by(self, user) -> bool:
        """Host or co-host of the group on the meeting's day: the one rule for who reads and
        writes its records. An appointment made later does not reach back."""
        if self.group is None:
            return user.pk == self.host_id
        return self.group.hosts_on(self.day).filter(leader_id=user.pk).exists()

    def had_member(self, user) -> bool:
        """A member of the group on the day of the meeting."""
        return (
            self.group is not None
            and self.group.memberships.on(self.day).filter(leader=user).exists()
        )

    def may_see(self, user) -> bool:
        if user.is_chef_group or user.is_administrator:
            return True
        if self.group is None:
            return user.in_store_ledergruppe
        return (
            user.pk == self.host_id
            or self.group.memberships.on(self.day).filter(leader=user).exists()
        )


class Apology(models.Model):
    """Afbud: sent in advance, with a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="apologies")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="apologies"
    )
    reason = models.CharField(_("reason"), max_length=300)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "leader"], name="one_apology_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} @ {self.meeting_id}"


class AttendanceQuerySet(models.QuerySet):
    def counts(self, year: int) -> dict[int, tuple[int, int]]:
        """Leader id → (meetings recorded, meetings missed) in the year, in one query."""
        rows = (
            self.filter(meeting__day__year=year)
            .values("leader")
            .annotate(held=models.Count("pk"), missed=models.Count("pk", filter=Q(present=False)))
        )
        return {row["leader"]: (row["held"], row["missed"]) for row in rows}


class Attendance(models.Model):
    """Who came, as the host recorded it on the day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "leader"], name="one_attendance_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} @ {self.meeting_id}: {self.present}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private calendar address; renewing the token revokes the old address."""

    leader = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.leader_id}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:feed", args=[self.token])


class SeminarSession(models.Model):
    """One item of the seminar's programme."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sessions")
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        ordering = ["round", "starts", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("programme")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gt=models.F("starts")),
                name="session_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts:%H.%M} {self.title}"
