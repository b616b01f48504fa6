"""Who is who in the municipality: departments, leaders, their roles and their manager line."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """An area of the municipality (afdeling/område); each municipality has its own list.

    Never deleted once a person has belonged to it (the groups' history names it); a department
    that is no longer used is closed instead, and the register import refuses it from then on."""

    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        error_messages={"unique": _("A department with this name already exists.")},
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    def in_use(self) -> bool:
        """Someone belongs or has belonged to it: it stays, for the history."""
        return self.leaders.exists()


class Role(models.TextChoices):
    """A person's position. HR and administrator are capacities on top of it (Capacity)."""

    LEADER = "leader", _("Leader")
    CHEF = "chef", _("Chef")
    DIRECTOR = "director", _("Director")


class Capacity(models.TextChoices):
    """What a person does besides their position; any combination with any role."""

    HR = "hr", _("HR")
    ADMINISTRATOR = "admin", _("Administrator")

    @property
    def field_name(self) -> str:
        return CAPACITY_FIELDS[self]


# The Leader field each capacity is held in.
CAPACITY_FIELDS = {Capacity.HR: "works_in_hr", Capacity.ADMINISTRATOR: "administers_product"}

CHEF_GROUP_ROLES = (Role.CHEF, Role.DIRECTOR)
# The Store Ledergruppe: leaders with budget and staff responsibility. The queryset and the
# property below both read this, with the same dates (Leader.is_active_on / active_on).
STORE_LEDERGRUPPE = {
    "role": Role.LEADER,
    "has_budget_responsibility": True,
    "has_staff_responsibility": True,
}


class LeaderQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> "LeaderQuerySet":
        return self.filter(is_active=True).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )

    def active(self) -> "LeaderQuerySet":
        return self.active_on(timezone.localdate())

    def store_ledergruppe_on(self, day: datetime.date) -> "LeaderQuerySet":
        """Leaders with budget and staff responsibility on the day: each must sit in a group."""
        return self.active_on(day).filter(**STORE_LEDERGRUPPE)

    def store_ledergruppe(self) -> "LeaderQuerySet":
        return self.store_ledergruppe_on(timezone.localdate())

    def hr(self) -> "LeaderQuerySet":
        """Everyone HR's notices go to."""
        return self.active().filter(works_in_hr=True)

    def administrators(self) -> "LeaderQuerySet":
        return self.active().filter(Q(administers_product=True) | Q(is_superuser=True))

    def chef_group(self) -> "LeaderQuerySet":
        return self.active().filter(role__in=CHEF_GROUP_ROLES)

    def matching(self, text: str) -> "LeaderQuerySet":
        """Leaders whose name or e-mail holds every word typed: a picker's search as you type."""
        found = self
        for word in text.split()[:5]:
            found = found.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return found


class LeaderManager(BaseUserManager.from_queryset(LeaderQuerySet)):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # The whole address in lower case: logins, the register and Entra ID match on it exactly.
        return (email or "").strip().lower()

    def get_by_natural_key(self, username: str) -> "Leader":
        return self.get(email=self.normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **fields) -> "Leader":
        if not email:
            raise ValueError("A leader needs an e-mail address.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "Leader":
        fields.update(is_staff=True, is_superuser=True, administers_product=True)
        return self.create_user(email, password, **fields)


class Leader(AbstractBaseUser, PermissionsMixin):
    """A person in the leaders register; the e-mail address is the login."""

    email = models.EmailField(_("e-mail"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="leaders",
        null=True,
        blank=True,
    )
    workplace = models.CharField(_("workplace"), max_length=150, blank=True)
    level = models.PositiveSmallIntegerField(
        _("hierarchy level"), null=True, blank=True, help_text=_("1 is the top of the hierarchy.")
    )
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("line manager"),
        on_delete=models.SET_NULL,
        related_name="direct_reports",
        null=True,
        blank=True,
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        help_text=_("The leader whose position this leader took over."),
        on_delete=models.SET_NULL,
        related_name="successors",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEADER)
    # Capacities besides the position: granted by hand on the capacities page (logged in
    # CapacityChange) or by the register file's columns hr/administrator.
    works_in_hr = models.BooleanField(_("HR"), default=False)
    administers_product = models.BooleanField(_("administrator"), default=False)
    has_budget_responsibility = models.BooleanField(_("budget responsibility"), default=False)
    has_staff_responsibility = models.BooleanField(_("staff responsibility"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Only rows the register import created are marked as leaving when a file no longer has them;
    # HR and IT accounts made by hand are not in the payroll export.
    from_register = models.BooleanField(_("from the register import"), default=False)
    # Set by the language switch; pages of later sessions and every e-mail follow it.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Pages and e-mails in this language. Empty: the municipality's language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    date_joined = models.DateTimeField(_("created"), default=timezone.now)
    # Set when a leader who left had their personal details removed; the row stays so the
    # groups' history still adds up, shown as "former leader".
    anonymised_at = models.DateTimeField(_("personal details removed"), null=True, blank=True)

    objects = LeaderManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="leader_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(reports_to=models.F("pk")), name="leader_not_own_manager"
            ),
            # Every path that writes an address lower-cases it; this catches one that does not.
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="leader_email_lower_case"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        self.email = Leader.objects.normalize_email(self.email)

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        if self.anonymised_at:
            return str(_("Former leader"))
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name

    def is_active_on(self, day: datetime.date) -> bool:
        """The same rule as LeaderQuerySet.active_on, for one leader in hand."""
        return (
            self.is_active
            and (self.start_date is None or self.start_date <= day)
            and (self.end_date is None or self.end_date >= day)
        )

    def in_store_ledergruppe_on(self, day: datetime.date) -> bool:
        """The same rule as LeaderQuerySet.store_ledergruppe_on, for one leader in hand."""
        return self.is_active_on(day) and all(
            getattr(self, field) == value for field, value in STORE_LEDERGRUPPE.items()
        )

    def has_left(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.end_date is not None and self.end_date < day

    # The role checks: every app asks these, nothing else decides who is who.
    @property
    def is_chef_group(self) -> bool:
        return self.role in CHEF_GROUP_ROLES

    @property
    def is_hr(self) -> bool:
        return self.works_in_hr

    @property
    def is_administrator(self) -> bool:
        return self.administers_product or self.is_superuser

    def holds(self, capacity: str) -> bool:
        return getattr(self, Capacity(capacity).field_name)

    @property
    def capacities(self) -> list[Capacity]:
        return [capacity for capacity in Capacity if self.holds(capacity)]

    @property
    def needs_second_factor(self) -> bool:
        """HR and administrators reach everyone's records: a password alone is not enough.
        (Through Entra ID, the municipality's own MFA is the second factor.)"""
        return self.is_hr or self.is_administrator

    @property
    def in_store_ledergruppe(self) -> bool:
        return self.in_store_ledergruppe_on(timezone.localdate())

    @property
    def manages_register(self) -> bool:
        return self.is_hr or self.is_administrator


class RegisterImport(models.Model):
    """An uploaded register file, kept from preview to apply so HR applies what they saw."""

    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        Leader, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    applied_by = models.ForeignKey(
        Leader,
        verbose_name=_("applied by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # The file's content is removed after RETENTION["REGISTER_FILE_DAYS"]; the row and summary stay.
    content_removed_at = models.DateTimeField(_("file removed"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return self.file_name


class Erasure(models.Model):
    """That a leader's personal details were removed: by the daily round or ahead of time."""

    class Why(models.TextChoices):
        RETENTION = "retention", _("The retention period ended")
        EARLY = "early", _("Erased ahead of time by an administrator")

    leader = models.OneToOneField(
        Leader, verbose_name=_("leader"), on_delete=models.PROTECT, related_name="erasure"
    )
    why = models.CharField(_("why"), max_length=10, choices=Why.choices)
    by = models.ForeignKey(
        Leader,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    removed = models.JSONField(_("what was removed"), default=dict)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.leader_id} {self.at:%Y-%m-%d}"


class CapacityChange(models.Model):
    """The log of every grant and withdrawal of a capacity: who, when, what, and from where.

    The import reads it too: it withdraws only a capacity whose last grant came from a file."""

    class Source(models.TextChoices):
        BY_HAND = "hand", _("by hand")
        REGISTER = "register", _("register import")
        MIGRATION = "migration", _("from the former single role")

    leader = models.ForeignKey(
        Leader, verbose_name=_("person"), on_delete=models.CASCADE, related_name="capacity_changes"
    )
    capacity = models.CharField(_("capacity"), max_length=20, choices=Capacity.choices)
    granted = models.BooleanField(_("granted"), help_text=_("False: withdrawn."))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    by = models.ForeignKey(
        Leader,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("capacity change")
        verbose_name_plural = _("capacity changes")

    def __str__(self) -> str:
        return f"{self.leader}: {self.get_capacity_display()} {self.granted}"


class RoleChange(models.Model):
    """The log of every change of position made by hand: who, when, from what to what.

    The register file decides the position when it has the column `rolle`; a file without it
    leaves the position given here."""

    leader = models.ForeignKey(
        Leader, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_changes"
    )
    role_before = models.CharField(_("role before"), max_length=20, choices=Role.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    by = models.ForeignKey(
        Leader,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        return f"{self.leader}: {self.role_before} → {self.role}"
