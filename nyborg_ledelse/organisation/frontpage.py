"""The front page: one list of what waits for the signed-in person, gathered from every app.

Each app keeps its own `todo.py` with a `tasks(user, today)` function that answers from the app's
own predicates and querysets. A new kind of work adds its function to PROVIDERS; the page and
its template stay as they are. A task is there while the work is not done, and gone once it is.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

PROVIDERS = (
    "meetings.todo.tasks",
    "meetings.room.todo.tasks",
    "topicbank.todo.tasks",
    "coaching.todo.tasks",
    "groups.todo.tasks",
    "nyborg_ledelse.notifications.todo.tasks",
    "nyborg_ledelse.organisation.todo.tasks",
)


class Kind(models.TextChoices):
    """The capacity a task comes in: the page shows one section for each, in this order."""

    LEADER = "leader", _("For you")
    HOST = "host", _("As host")
    CHEF_GROUP = "chef_group", _("The chef group")
    HR = "hr", _("HR and Personnel")
    ADMINISTRATOR = "administrator", _("Administration")


@dataclass(frozen=True)
class Task:
    kind: Kind
    title: str
    url: str
    # The last day to do it; None where no rule sets one (a count of open requests).
    deadline: datetime.date | None = None
    detail: str = ""

    def is_overdue(self, today: datetime.date) -> bool:
        return self.deadline is not None and self.deadline < today


@dataclass(frozen=True)
class Section:
    kind: Kind
    tasks: list[Task]

    @property
    def label(self) -> str:
        return self.kind.label


def _providers() -> list:
    return [import_string(path) for path in PROVIDERS]


def _by_deadline(task: Task) -> tuple:
    return (task.deadline is None, task.deadline or datetime.date.max)


def sections_for(user, today: datetime.date | None = None) -> list[Section]:
    """The person's tasks by capacity, the nearest deadline first; capacities with none are left
    out."""
    today = today or timezone.localdate()
    gathered: list[Task] = []
    for provider in _providers():
        gathered.extend(provider(user, today))
    return [
        Section(kind=kind, tasks=sorted(tasks, key=_by_deadline))
        for kind in Kind
        if (tasks := [task for task in gathered if task.kind == kind])
    ]


def tasks_for(user, today: datetime.date | None = None) -> Iterable[Task]:
    for section in sections_for(user, today):
        yield from section.tasks
