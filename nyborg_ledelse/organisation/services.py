"""Writes to the leaders register."""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nyborg_ledelse.notifications.services import queue_message

from .changelog import log_added, log_changed, log_deleted
from .models import (
    CAPACITY_FIELDS,
    CHEF_GROUP_ROLES,
    Capacity,
    CapacityChange,
    Department,
    Leader,
    RegisterImport,
    Role,
    RoleChange,
)
from .notifications import REGISTER_CHANGED
from .register_file import RegisterRow, RowError, parse_register
from .retention import removed_before

# Fields the register file decides; anything else on a leader is the application's own.
REGISTER_FIELDS = [
    "first_name",
    "last_name",
    "job_title",
    "department_id",
    "workplace",
    "level",
    "has_budget_responsibility",
    "has_staff_responsibility",
    "role",
    "works_in_hr",
    "administers_product",
    "start_date",
    "end_date",
    "reports_to_id",
    "predecessor_id",
]


@transaction.atomic
def capacity_set(
    *,
    leader: Leader,
    capacity: str,
    granted: bool,
    by: Leader | None,
    source: str = CapacityChange.Source.BY_HAND,
) -> CapacityChange | None:
    """Grant or withdraw one capacity and log it; None when the person already stood so."""
    capacity = Capacity(capacity)
    field_name = CAPACITY_FIELDS[capacity]
    current = Leader.objects.select_for_update().get(pk=leader.pk)
    if getattr(current, field_name) == granted:
        return None
    # The administrators are locked while counted: two withdrawals at once cannot leave none.
    others = Leader.objects.administrators().exclude(pk=leader.pk).select_for_update()
    if (
        capacity == Capacity.ADMINISTRATOR
        and not granted
        and not current.is_superuser
        and not list(others)
    ):
        # Nobody could give the capacity back in the product.
        raise ValidationError(_("The last administrator cannot be withdrawn."))
    Leader.objects.filter(pk=leader.pk).update(**{field_name: granted})
    setattr(leader, field_name, granted)
    return CapacityChange.objects.create(
        leader=leader, capacity=capacity, granted=granted, source=source, by=by
    )


def capacities_granted_by_register() -> set[tuple[int, str]]:
    """(leader id, capacity) whose last change came from a register file: the only ones an
    import may withdraw again. A grant by hand (or from the former single role) is kept."""
    last: dict[tuple[int, str], str] = {}
    for leader_id, capacity, source in CapacityChange.objects.order_by("at", "pk").values_list(
        "leader_id", "capacity", "source"
    ):
        last[(leader_id, capacity)] = source
    return {key for key, source in last.items() if source == CapacityChange.Source.REGISTER}


def _check_department_name(name: str, *, department: Department | None = None) -> str:
    name = " ".join(name.split())
    # The register file names departments in any case: two names that differ only so are one.
    same = Department.objects.filter(name__iexact=name)
    if department is not None:
        same = same.exclude(pk=department.pk)
    if same.exists():
        raise ValidationError(_("A department with this name already exists."))
    return name


@transaction.atomic
def department_create(*, name: str, by: Leader) -> Department:
    department = Department(name=_check_department_name(name))
    department.full_clean()
    department.save()
    log_added(by=by, record=department)
    return department


@transaction.atomic
def department_rename(*, department: Department, name: str, by: Leader) -> Department:
    name = _check_department_name(name, department=department)
    if name != department.name:
        department.name = name
        department.full_clean()
        department.save(update_fields=["name"])
        log_changed(by=by, record=department, fields=["name"])
    return department


@transaction.atomic
def department_set_active(*, department: Department, active: bool, by: Leader) -> None:
    """Close a department nobody works in any longer, or open it again."""
    if department.active == active:
        return
    if not active:
        staying = department.leaders.active_on(timezone.localdate()).count()
        if staying:
            raise ValidationError(
                ngettext(
                    "The department is in use: %(count)s person still works in it. Move them "
                    "in the register first.",
                    "The department is in use: %(count)s people still work in it. Move them "
                    "in the register first.",
                    staying,
                )
                % {"count": staying}
            )
    department.active = active
    department.save(update_fields=["active"])
    log_changed(by=by, record=department, fields=["active"])


@transaction.atomic
def department_delete(*, department: Department, by: Leader) -> None:
    """Only a department nobody has ever belonged to, such as one made by mistake."""
    if department.in_use():
        raise ValidationError(
            _(
                "The department is in use and cannot be deleted: people belong or have belonged "
                "to it. Close it instead."
            )
        )
    log_deleted(by=by, record=department)
    department.delete()


@transaction.atomic
def role_set(*, leader: Leader, role: str, by: Leader) -> RoleChange | None:
    """Change a person's position by hand and log it; None when they already stood so."""
    leader = Leader.objects.select_for_update().get(pk=leader.pk)
    role = Role(role)
    if leader.role == role:
        return None
    if role not in CHEF_GROUP_ROLES:
        hosting = leader.hostings.not_ended_on(timezone.localdate()).select_related("group").first()
        if hosting is not None:
            # Hosts and co-hosts are chefs or directors (groups.hosting).
            raise ValidationError(
                _("%(name)s hosts or co-hosts group %(number)s: appoint someone else there first.")
                % {"name": leader.full_name, "number": hosting.group.number}
            )
    change = RoleChange.objects.create(leader=leader, role_before=leader.role, role=role, by=by)
    Leader.objects.filter(pk=leader.pk).update(role=role)
    return change


class RegisterAlreadyApplied(Exception):
    pass


@dataclass
class RowChange:
    row: RegisterRow
    leader: Leader | None
    changed_fields: list[str] = field(default_factory=list)

    @property
    def changed_labels(self) -> list[str]:
        return [
            str(Leader._meta.get_field(name.removesuffix("_id")).verbose_name)
            for name in self.changed_fields
        ]


@dataclass
class RegisterPlan:
    """What applying a register file would do, worked out without saving anything."""

    new: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    leaving: list[Leader] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def leaves_many(self) -> bool:
        """More than a fifth of the register leaving at once is more likely a partial export."""
        staying = len(self.changed) + self.unchanged
        return len(self.leaving) > 0.2 * (staying + len(self.leaving))

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed or self.leaving)

    def summary(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "leaving": len(self.leaving),
            "unchanged": self.unchanged,
        }


def register_plan(*, content: bytes, filename: str) -> RegisterPlan:
    parsed = parse_register(content, filename)
    plan = RegisterPlan(errors=list(parsed.errors))
    rows = parsed.rows
    departments = {d.name.lower(): d for d in Department.objects.all()}
    existing = {leader.email: leader for leader in Leader.objects.select_related("reports_to")}
    in_file = {row.email for row in rows}
    # A manager or predecessor may be a leader in the file or an account made by hand.
    known = in_file | {email for email, leader in existing.items() if not leader.from_register}
    known_predecessors = in_file | set(existing)

    for row in rows:
        department = departments.get(row.department.lower()) if row.department else None
        if row.department and department is None:
            plan.errors.append(RowError(row.line, _("Unknown department '%s'.") % row.department))
        elif department and not department.active and not _has_left(row):
            plan.errors.append(
                RowError(
                    row.line,
                    _("The department '%s' is closed; open it again or move the person.")
                    % department.name,
                )
            )
        if row.manager_email and row.manager_email not in known:
            plan.errors.append(
                RowError(
                    row.line,
                    _("The manager %s is neither in the file nor in the register.")
                    % row.manager_email,
                )
            )
        if row.predecessor_email and row.predecessor_email not in known_predecessors:
            plan.errors.append(
                RowError(
                    row.line,
                    _("The predecessor %s is not in the register.") % row.predecessor_email,
                )
            )
    plan.errors.extend(_manager_cycles(rows, existing))
    if plan.errors:
        plan.errors.sort(key=lambda e: e.line)
        return plan

    # A leader the file is about to create gets a placeholder id that equals no saved one.
    ids = {email: leader.pk for email, leader in existing.items()}
    ids.update({row.email: f"new:{row.email}" for row in rows if row.email not in existing})
    from_file = capacities_granted_by_register()
    for row in rows:
        leader = existing.get(row.email)
        if leader is None:
            plan.new.append(RowChange(row=row, leader=None))
            continue
        wanted = _register_values(row, departments, ids, leader, from_file)
        changed = [name for name, value in wanted.items() if getattr(leader, name) != value]
        if changed:
            plan.changed.append(RowChange(row=row, leader=leader, changed_fields=changed))
        else:
            plan.unchanged += 1
    plan.leaving = [
        leader
        for email, leader in sorted(existing.items())
        if leader.from_register and leader.end_date is None and email not in in_file
    ]
    return plan


def _has_left(row: RegisterRow) -> bool:
    return row.end_date is not None and row.end_date < timezone.localdate()


def _register_values(
    row: RegisterRow,
    departments: dict[str, Department],
    ids: dict[str, int | str],
    leader: Leader | None,
    from_file: set[tuple[int, str]] = frozenset(),
) -> dict:
    department = departments.get(row.department.lower()) if row.department else None
    capacities = {}
    for capacity, field_name in CAPACITY_FIELDS.items():
        in_file = row.capacities.get(capacity)
        held = bool(leader is not None and getattr(leader, field_name))
        if in_file is None:
            # The file has no such column: the capacity is the application's own.
            capacities[field_name] = held
        elif in_file or not held:
            capacities[field_name] = in_file
        else:
            # The file says no: withdrawn only if a file gave it; a grant by hand stays.
            capacities[field_name] = (leader.pk, capacity) not in from_file
    return {
        "first_name": row.first_name,
        "last_name": row.last_name,
        "job_title": row.job_title,
        "department_id": department.pk if department else None,
        "workplace": row.workplace,
        "level": row.level,
        "has_budget_responsibility": row.has_budget_responsibility,
        "has_staff_responsibility": row.has_staff_responsibility,
        "role": row.role or (leader.role if leader is not None else Role.LEADER),
        **capacities,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "reports_to_id": ids.get(row.manager_email) if row.manager_email else None,
        "predecessor_id": ids.get(row.predecessor_email) if row.predecessor_email else None,
    }


def _manager_cycles(rows: list[RegisterRow], existing: dict[str, Leader]) -> list[RowError]:
    manager_of = {
        email: leader.reports_to.email
        for email, leader in existing.items()
        if leader.reports_to_id and leader.reports_to
    }
    manager_of.update({row.email: row.manager_email for row in rows if row.manager_email})
    line_of = {row.email: row.line for row in rows}
    in_cycle: set[str] = set()
    for start in manager_of:
        seen: list[str] = []
        email = start
        while email in manager_of and email not in seen:
            seen.append(email)
            email = manager_of[email]
        if email in seen:
            in_cycle.update(seen[seen.index(email) :])
    return [
        RowError(
            line_of[email],
            _("%(email)s is in a manager cycle: %(cycle)s.")
            % {"email": email, "cycle": " → ".join(_cycle_from(email, manager_of))},
        )
        for email in sorted(in_cycle, key=lambda e: line_of.get(e, 0))
        if email in line_of
    ]


def _cycle_from(email: str, manager_of: dict[str, str]) -> list[str]:
    cycle = [email]
    current = manager_of[email]
    while current != email:
        cycle.append(current)
        current = manager_of[current]
    return [*cycle, email]


def _log_capacities_from_file(
    leader: Leader, *, before: dict[str, bool], by: Leader | None
) -> list[CapacityChange]:
    return [
        CapacityChange(
            leader=leader,
            capacity=capacity,
            granted=getattr(leader, field_name),
            source=CapacityChange.Source.REGISTER,
            by=by,
        )
        for capacity, field_name in CAPACITY_FIELDS.items()
        if getattr(leader, field_name) != before.get(field_name, False)
    ]


@transaction.atomic
def register_apply(*, content: bytes, filename: str, by: Leader | None = None) -> RegisterPlan:
    """Apply a register file in one transaction; a file with any error changes nothing.

    Checked again against the database as it is now, since the preview may be old.
    """
    plan = register_plan(content=content, filename=filename)
    if not plan.is_valid:
        return plan
    departments = {d.name.lower(): d for d in Department.objects.all()}
    ids = dict(Leader.objects.values_list("email", "pk"))
    # Every row was validated by the plan, so new leaders go in bulk (the database still holds
    # the constraints); their links to other new leaders are set once those have ids.
    created = []
    for change in plan.new:
        leader = Leader(
            email=change.row.email,
            from_register=True,
            **_register_values(change.row, departments, ids, None),
        )
        leader.set_unusable_password()
        created.append(leader)
    Leader.objects.bulk_create(created, batch_size=500)
    ids = dict(Leader.objects.values_list("email", "pk"))
    linked = []
    for change, leader in zip(plan.new, created, strict=True):
        links = _register_values(change.row, departments, ids, leader)
        if (leader.reports_to_id, leader.predecessor_id) != (
            links["reports_to_id"],
            links["predecessor_id"],
        ):
            leader.reports_to_id = links["reports_to_id"]
            leader.predecessor_id = links["predecessor_id"]
            linked.append(leader)
    Leader.objects.bulk_update(linked, ["reports_to_id", "predecessor_id"], batch_size=500)
    logged = [
        entry for leader in created for entry in _log_capacities_from_file(leader, before={}, by=by)
    ]
    from_file = capacities_granted_by_register()
    for change in plan.changed:
        before = {name: getattr(change.leader, name) for name in CAPACITY_FIELDS.values()}
        wanted = _register_values(change.row, departments, ids, change.leader, from_file)
        for name, value in wanted.items():
            setattr(change.leader, name, value)
        change.leader.from_register = True
        change.leader.save(update_fields=[*change.changed_fields, "from_register"])
        logged.extend(_log_capacities_from_file(change.leader, before=before, by=by))
    CapacityChange.objects.bulk_create(logged, batch_size=500)
    Leader.objects.filter(pk__in=[leader.pk for leader in plan.leaving]).update(end_date=plan.today)
    if plan.new or plan.leaving:
        _tell_hr(plan, version=hashlib.sha256(content).hexdigest()[:16])
    # The groups follow the register: leavers' seats end, successors take them.
    from groups.services import group_seats_update

    group_seats_update(day=plan.today)
    # New leaders with a start date get the introduction programme and their manager is told.
    from coaching.development.services import introductions_start

    introductions_start(day=plan.today)
    return plan


def _tell_hr(plan: RegisterPlan, *, version: str) -> None:
    new = [f"{c.row.first_name} {c.row.last_name}, {c.row.job_title}" for c in plan.new]
    leaving = [f"{leader.full_name}, {leader.job_title}" for leader in plan.leaving]
    for hr in Leader.objects.hr():
        queue_message(
            recipient=hr,
            kind=REGISTER_CHANGED.key,
            context={"new": new, "leaving": leaving},
            url=reverse("organisation:leader_list"),
            version=version,
        )


@transaction.atomic
def register_import_apply(*, register_import: RegisterImport, by: Leader) -> RegisterPlan:
    """Apply an uploaded file once; a second click or a second tab changes nothing."""
    claimed = RegisterImport.objects.filter(pk=register_import.pk, applied_at__isnull=True).update(
        applied_at=timezone.now(), applied_by=by
    )
    if not claimed:
        raise RegisterAlreadyApplied
    plan = register_apply(
        content=bytes(register_import.content), filename=register_import.file_name, by=by
    )
    if not plan.is_valid:
        transaction.set_rollback(True)
        return plan
    RegisterImport.objects.filter(pk=register_import.pk).update(summary=plan.summary())
    return plan


def register_import_store(*, file_name: str, content: bytes, plan, by) -> RegisterImport:
    """Keep the uploaded file from preview to apply, so HR applies exactly what they saw."""
    return RegisterImport.objects.create(
        file_name=file_name, content=content, uploaded_by=by, summary=plan.summary()
    )


@transaction.atomic
def leader_language_set(*, leader: Leader, language: str) -> None:
    """Remember the language a person chose; their e-mails and later sessions follow it."""
    leader.language = Leader._meta.get_field("language").clean(language, leader)
    # Only this column: the rest of the row belongs to the register import and HR.
    leader.save(update_fields=["language"])


# --- personal data with an end ------------------------------------------------------------------


@transaction.atomic
def register_files_purge(*, today: datetime.date) -> dict[str, int]:
    """Uploaded register files lose their content RETENTION["REGISTER_FILE_DAYS"] after applying
    (or uploading, for a file never applied); the row and its summary stay."""
    due = removed_before(today - datetime.timedelta(days=settings.RETENTION["REGISTER_FILE_DAYS"]))
    removed = (
        RegisterImport.objects.filter(content_removed_at__isnull=True)
        .filter(Q(applied_at__lt=due) | Q(applied_at__isnull=True, uploaded_at__lt=due))
        .update(content=b"", content_removed_at=timezone.now())
    )
    return {"register_files": removed}
