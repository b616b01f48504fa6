"""The cross-cutting groups and who sat in them when: nothing is deleted."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Group(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
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

    class Meta:
        ordering = ["number"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(condition=~Q(co_host=F("host")), name="co_host_is_not_the_host")
        ]

    def __str__(self) -> str:
        return self.name or str(_("Group %(number)s") % {"number": self.number})

    def members_on(self, day: datetime.date) -> list:
        """Who was in the group on that day ("who was in group 7 at the meeting in May")."""
        return [m.leader for m in self.memberships.on(day).select_related("leader")]


class Reason(models.TextChoices):
    COMPOSED = "composed", _("Composed")
    REBALANCED = "rebalanced", _("Rebalanced")
    SUCCESSOR = "successor", _("Took over a predecessor's seat")
    LEFT = "left", _("Left the municipality")


class MembershipQuerySet(models.QuerySet):
    def current(self) -> "MembershipQuerySet":
        return self.filter(left_on__isnull=True)

    def on(self, day: datetime.date) -> "MembershipQuerySet":
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


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
