"""HR's support offers: coaching with its funding tiers, psychologist hours, pool funds and
sparring partners. Money is Decimal in DKK. Bookings are not in the Django admin: the first
hours are anonymous to everyone but the leader and HR."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HOURS = {"max_digits": 5, "decimal_places": 1, "validators": [MinValueValidator(Decimal("0.5"))]}
MONEY = {"max_digits": 12, "decimal_places": 2}


class ClosedYear(models.Model):
    """A year HR has closed for the accounts: its bookings can no longer change."""

    year = models.PositiveSmallIntegerField(unique=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.year)


class Coach(models.Model):
    name = models.CharField(_("name"), max_length=200)
    firm = models.CharField(_("firm"), max_length=200, blank=True)
    certification = models.CharField(_("certification"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hourly_rate = models.DecimalField(
        _("hourly rate (DKK)"), **MONEY, validators=[MinValueValidator(0)]
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("coach")
        verbose_name_plural = _("coaches")

    def __str__(self) -> str:
        return f"{self.name}, {self.firm}" if self.firm else self.name


class Tier(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous, centrally funded")
    APPROVED = "approved", _("Approved by your manager, centrally funded")
    OWN_BUDGET = "own", _("Your own budget")

    @property
    def hr_label(self) -> str:
        """The tier as HR and finance speak of it: about the leader, not to them."""
        return {
            "anonymous": _("Anonymous, centrally funded"),
            "approved": _("Approved by the leader's manager, centrally funded"),
            "own": _("The leader's own budget"),
        }[self.value]


class CoachingYear(models.Model):
    """One row per leader and calendar year: bookings lock it, so two cannot overdraw a quota."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["leader", "year"], name="one_coaching_year")]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.year}"


class BookingQuerySet(models.QuerySet):
    def active(self) -> "BookingQuerySet":
        return self.filter(cancelled_at__isnull=True)

    def in_year(self, year: int) -> "BookingQuerySet":
        return self.filter(day__year=year)


class Booking(models.Model):
    """A coaching session. Its funding is worked out from the year's bookings in date order."""

    # Empty once the accounting period is over (retention); person_key then keeps one leader's
    # bookings of that year together, so the year's funding still adds up.
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coaching_bookings",
        null=True,
        blank=True,
    )
    person_key = models.CharField(max_length=32, blank=True)
    coach = models.ForeignKey(
        Coach, verbose_name=_("coach"), on_delete=models.PROTECT, related_name="bookings"
    )
    day = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), **HOURS)
    cost_centre = models.CharField(
        _("cost centre"),
        max_length=40,
        blank=True,
        help_text=_("For hours paid from your own budget."),
    )
    group_coaching = models.ForeignKey(
        "GroupCoaching", on_delete=models.CASCADE, null=True, blank=True, related_name="bookings"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["day", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.day} {self.hours}"


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for your manager")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Approval(models.Model):
    """A request for hours 6–10. The manager sees the hours and the year; no coach, no topic."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coaching_requests",
        null=True,
        blank=True,
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coaching_decisions",
        null=True,
        blank=True,
    )
    person_key = models.CharField(max_length=32, blank=True)  # see Booking.person_key
    year = models.PositiveSmallIntegerField(_("year"))
    hours = models.DecimalField(_("hours"), **HOURS)
    status = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.year} {self.hours}"


class GroupCoaching(models.Model):
    """A coaching course for a leader team: paid by the team, or by members' individual hours."""

    class Payment(models.TextChoices):
        TEAM_BUDGET = "team", _("The team's own budget")
        CONVERTED = "converted", _("Members' individual hours")

    team = models.CharField(_("leader team"), max_length=200)
    coach = models.ForeignKey(
        Coach, verbose_name=_("coach"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), **HOURS)
    payment = models.CharField(_("paid by"), max_length=10, choices=Payment.choices)
    cost_centre = models.CharField(_("cost centre"), max_length=40, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.team


class GroupCoachingShare(models.Model):
    """The hours one member gives from their own quota; taken only once they consent."""

    group_coaching = models.ForeignKey(
        GroupCoaching, on_delete=models.CASCADE, related_name="shares"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    hours = models.DecimalField(_("hours"), **HOURS)
    consented_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group_coaching", "leader"], name="one_share_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.leader_id}: {self.hours}"


class PsychologistBooking(models.Model):
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    day = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), **HOURS)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.day}"


class CrisisRequest(models.Model):
    workplace = models.CharField(_("workplace"), max_length=200)
    description = models.TextField(_("what has happened"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.workplace


class Pool(models.Model):
    """The year's pool funds (puljemidler)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("amount (DKK)"), **MONEY, validators=[MinValueValidator(0)])

    def __str__(self) -> str:
        return str(self.year)


class Phase(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLARIFICATION = "clarification", _("Clarification")
    GRANTED = "granted", _("Granted")
    COURSE = "course", _("Course under way")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")


PHASES_USING_MONEY = (Phase.GRANTED, Phase.COURSE, Phase.EVALUATION, Phase.CLOSED)
# Which phase may follow which; a grant (with its shares) is pool_grant's own step.
NEXT_PHASES: dict[str, tuple[str, ...]] = {
    Phase.RECEIVED: (Phase.CLARIFICATION, Phase.DECLINED),
    Phase.CLARIFICATION: (Phase.DECLINED,),
    Phase.GRANTED: (Phase.COURSE,),
    Phase.COURSE: (Phase.EVALUATION,),
    Phase.EVALUATION: (Phase.CLOSED,),
}


class PoolApplication(models.Model):
    """A workplace's application for a course with a consultant or psychologist."""

    workplace = models.CharField(_("workplace"), max_length=200)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"))
    challenge = models.TextField(_("the challenge"))
    provider = models.CharField(_("consultant or psychologist"), max_length=200)
    estimated_cost = models.DecimalField(
        _("estimated cost (DKK)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    pilot = models.BooleanField(_("pilot project"), default=False)
    # The applicant's chef when they applied: the area's share is theirs to confirm.
    area_chef = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("the area's chef"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    area_chef_confirmed_at = models.DateTimeField(
        _("the area's chef confirmed the share"), null=True, blank=True
    )
    phase = models.CharField(max_length=15, choices=Phase.choices, default=Phase.RECEIVED)
    share_workplace = models.DecimalField(
        _("the workplace's share"), **MONEY, null=True, blank=True
    )
    share_area_chef = models.DecimalField(
        _("the area chef's share"), **MONEY, null=True, blank=True
    )
    share_pool = models.DecimalField(_("the pool's share"), **MONEY, null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    override_reason = models.TextField(_("why the pool may be overspent"), blank=True)
    spent = models.DecimalField(_("spent from the pool (DKK)"), **MONEY, default=Decimal("0"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share_pool__isnull=True)
                | Q(share_pool__gte=0, share_workplace__gte=0, share_area_chef__gte=0),
                name="pool_shares_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.workplace} {self.year}"

    def next_phases(self) -> tuple[str, ...]:
        return NEXT_PHASES.get(self.phase, ())

    @property
    def awaits_area_chef(self) -> bool:
        """Granted, and the area's chef has yet to confirm the area's share."""
        return (
            self.phase == Phase.GRANTED
            and self.area_chef_id is not None
            and self.area_chef_confirmed_at is None
        )


class PoolEvent(models.Model):
    application = models.ForeignKey(
        PoolApplication, on_delete=models.CASCADE, related_name="events"
    )
    phase = models.CharField(max_length=15, choices=Phase.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.phase}"


class Volunteer(models.Model):
    """An experienced leader who offers to be a sparring partner."""

    leader = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sparring_volunteer"
    )
    capacity = models.PositiveSmallIntegerField(
        _("how many at a time"), default=1, validators=[MinValueValidator(1)]
    )
    experience = models.TextField(_("experience"), blank=True)
    areas = models.CharField(_("areas"), max_length=300, blank=True)
    active = models.BooleanField(_("available"), default=True)

    def __str__(self) -> str:
        return str(self.leader)


class SparringRequest(models.Model):
    class Why(models.TextChoices):
        NEW_LEADER = "new", _("I am a new leader")
        NEW_AREA = "area", _("I have a new area")

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    why = models.CharField(_("why"), max_length=5, choices=Why.choices)
    wishes = models.TextField(_("what you would like to talk about"), blank=True)
    partner = models.ForeignKey(
        Volunteer, on_delete=models.PROTECT, null=True, blank=True, related_name="pairs"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.leader_id} → {self.partner_id}"


class RecordRead(models.Model):
    """Someone other than the leader opened one of their personal support records.

    Shown to the leader on "Mine data"; kept as long as the room's access log.
    """

    class What(models.TextChoices):
        APPROVAL = "approval", _("A request for approved coaching hours")
        POOL_CASE = "pool_case", _("A pool application")
        SPARRING = "sparring", _("A sparring request")
        BOOKINGS = "bookings", _("Coaching bookings")

    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="record_reads"
    )
    what = models.CharField(_("what"), max_length=12, choices=What.choices)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            # "Mine data": the reads of one leader's records, newest first.
            models.Index(fields=["subject", "-at"], name="record_read_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reader_id} read {self.what} of {self.subject_id}"


def record_read_log(*, reader, subject, what: str, object_id: int | None = None) -> None:
    """Log a read of someone's record; reading one's own is not logged."""
    if subject is not None and reader.pk != subject.pk:
        RecordRead.objects.create(reader=reader, subject=subject, what=what, object_id=object_id)


def current_year() -> int:
    return timezone.localdate().year


def is_new_leader(leader, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return leader.start_date is not None and (today - leader.start_date).days <= 365
