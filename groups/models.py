"""The cross-cutting groups and who sat in them when: nothing is deleted."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GroupQuerySet(models.QuerySet):
    def seats_needed(self) -> dict[int, int]:
        """Group id → seats at a meeting, for all the groups in one query (pages listing every
        group must not ask once per group)."""
        rows = self.annotate(
            members=models.Count("memberships", filter=Q(memberships__left_on__isnull=True))
        ).values_list("pk", "members", "co_host_id")
        return {pk: members + 1 + (co_host_id is not None) for pk, members, co_host_id in rows}


class Group(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    # Today's host and co-host, kept for the pages and the planner. They are written only by the
    # hosting services from the dated appointments (Hosting), which decide every permission.
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="hosted_groups",
    )
    co_host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-host"),
        on_delete=models.PROTECT,
        related_name="co_hosted_groups",
        null=True,
        blank=True,
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(condition=~Q(co_host=F("host")), name="co_host_is_not_the_host")
        ]

    def __str__(self) -> str:
        return self.name or str(_("Group %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", args=[self.pk])

    def members_on(self, day: datetime.date) -> list:
        """Who was in the group on that day ("who was in group 7 at the meeting in May")."""
        return [m.leader for m in self.memberships.on(day).select_related("leader")]

    def current_members(self) -> list:
        seats = self.memberships.current().select_related("leader__department")
        return sorted((m.leader for m in seats), key=lambda leader: leader.full_name)

    def is_hosted_by(self, user) -> bool:
        """Host or co-host today (the group page, the contract); a meeting asks for its own day."""
        return self.hosts_on(timezone.localdate()).filter(leader=user).exists()

    def hosts_on(self, day: datetime.date) -> "HostingQuerySet":
        return self.hostings.on(day)

    def seats_needed(self) -> int:
        """Seats at a meeting: the members, the host and the co-host."""
        return Group.objects.filter(pk=self.pk).seats_needed()[self.pk]

    def has_member(self, user) -> bool:
        return self.memberships.current().filter(leader=user).exists()

    def contract(self) -> "ContractVersion | None":
        return self.contract_versions.select_related("author").first()

    @classmethod
    def of(cls, user) -> "Group | None":
        """The group the user sits in now, or hosts."""
        seat = Membership.objects.current().filter(leader=user).select_related("group").first()
        if seat is not None:
            return seat.group
        return cls.objects.filter(Q(host=user) | Q(co_host=user)).first()


class Reason(models.TextChoices):
    COMPOSED = "composed", _("Composed")
    REBALANCED = "rebalanced", _("Rebalanced")
    SUCCESSOR = "successor", _("Took over a predecessor's seat")
    LEFT = "left", _("Left the municipality")
    NO_LONGER_MEMBER = "no_longer", _("No longer in the Store Ledergruppe")
    MOVED = "moved", _("Moved by an administrator")


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        return self.filter(left_on__isnull=True)

    def on(self, day: datetime.date) -> "MembershipQuerySet":
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))

    def leaving(self, day: datetime.date) -> "MembershipQuerySet":
        """Seats still held by someone no longer in the Store Ledergruppe on the day: a leaver,
        or one who lost budget or staff responsibility. The daily round empties them."""
        from nyborg_ledelse.organisation.models import Leader

        return self.current().exclude(leader__in=Leader.objects.store_ledergruppe_on(day))


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    joined_on = models.DateField(_("joined"), default=timezone.localdate)
    joined_reason = models.CharField(_("why joined"), max_length=20, choices=Reason.choices)
    left_on = models.DateField(_("left"), null=True, blank=True)
    left_reason = models.CharField(_("why left"), max_length=20, choices=Reason.choices, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group__number", "joined_on"]
        constraints = [
            # Every leader sits in at most one group at a time.
            models.UniqueConstraint(
                fields=["leader"],
                condition=Q(left_on__isnull=True),
                name="one_current_group_per_leader",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} in {self.group_id} from {self.joined_on}"


class HostRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co_host", _("Co-host")


class HostingQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> "HostingQuerySet":
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))

    def current(self) -> "HostingQuerySet":
        return self.on(timezone.localdate())

    def not_ended_on(self, day: datetime.date) -> "HostingQuerySet":
        """Appointments running on the day or starting later: today's and those planned."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))


class Hosting(models.Model):
    """An appointment as a group's host or co-host, from a day until a day (not included).

    Nothing is deleted or rewritten: who hosted a group on a meeting's day decides who may read
    and write that meeting's records. Made only through groups.services.hosting_appoint/_end.
    """

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="hostings")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="hostings",
    )
    role = models.CharField(_("role"), max_length=10, choices=HostRole.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    # None: seated by the composer or carried over from before appointments were dated.
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appointed_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = HostingQuerySet.as_manager()

    class Meta:
        ordering = ["group__number", "-starts_on", "-pk"]
        verbose_name = _("hosting")
        verbose_name_plural = _("hostings")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "role"],
                condition=Q(ends_on__isnull=True),
                name="one_open_appointment_per_group_and_role",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="hosting_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} {self.role} of {self.group_id} from {self.starts_on}"


class HostingLogEntry(models.Model):
    """The audit log of appointments: who appointed or ended whom, as what, from which day."""

    class Action(models.TextChoices):
        APPOINTED = "appointed", _("Appointed")
        ENDED = "ended", _("Ended")

    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    hosting = models.ForeignKey(Hosting, on_delete=models.PROTECT, related_name="log")
    day = models.DateField(_("from the day"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("hosting log entry")
        verbose_name_plural = _("hosting log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.hosting_id}"


class ContractVersion(models.Model):
    """The group's contract on its collaboration; every version is kept."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="contract_versions")
    text = models.TextField(_("contract"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.group_id} {self.created_at:%Y-%m-%d}"


class Proposal(models.Model):
    """A composition or rebalance as the administrator previewed it, and whether it was applied."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Discarded")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    min_size = models.PositiveSmallIntegerField(_("smallest group"))
    max_size = models.PositiveSmallIntegerField(_("largest group"))
    tolerance_percent = models.PositiveSmallIntegerField(_("tolerance (%)"))
    # Leader id → group label, as seated when proposed; apply refuses if that has changed.
    before = models.JSONField()
    assignment = models.JSONField()
    moves = models.JSONField()  # [leader id, from label or "", to label]
    result = models.JSONField()  # D, lower_bound, gap, violations, seconds, proven_optimal
    # A rebalance's proposals from fewest moves to most even, each with its own assignment,
    # moves and figures; the administrator picks one. The fields above hold the recommended
    # one until another is applied.
    options = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    # Successors seated this year stay in their predecessor's group unless unpinned here.
    pinned = models.JSONField(default=list)  # leader ids kept where they sit
    unpinned = models.JSONField(default=list)  # successors the administrator let the composer move
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def is_fresh_composition(self) -> bool:
        return not any(self.before.values())

    @property
    def broken_rules(self) -> dict[str, int]:
        return {rule: n for rule, n in self.result["violations"].items() if n}

    @property
    def recommended_option(self) -> int:
        return next((k for k, o in enumerate(self.options) if o.get("recommended")), 0)

    def option(self, index: int | None) -> dict:
        """One proposal's assignment, moves and figures; the recommended one by default."""
        if not self.options:
            return {"assignment": self.assignment, "moves": self.moves, "result": self.result}
        if index is None or not 0 <= index < len(self.options):
            index = self.recommended_option
        return self.options[index]
