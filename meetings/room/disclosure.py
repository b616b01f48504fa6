"""The one disclosure rule: what any page or export may show of people's answers.

Every aggregate of answers (meeting evaluations, the concept survey, round surveys and any later
survey) is counted here and nowhere else. Views and exports ask for a `Table` and show its cells.

The rule, in three parts:

1. Nothing moves while answers come in. A table is shown only once it is closed: a set number
   of days after the meeting or the round (settings.ANSWERS_CLOSE_DAYS), or at once when everyone
   asked has answered. After that no answer is accepted, so a page never changes under a reader.
   While open, only how many have answered is told.
2. No cell below MINIMUM_RESPONDENTS. A group with 1 or 2 respondents shows no number, no count and
   no free text; its free texts are left out of the total as well.
3. Complementary suppression. The visible numbers are linear in the answers: a total is the sum of
   its groups. Whenever a group is hidden and the total is shown, the next-smallest groups are
   hidden too until the hidden groups are at least two and together have at least the minimum,
   so subtracting the visible groups from the total gives only the hidden groups' sum, never one
   group's. If no such complement exists (a single group), the total is hidden instead.

A table whose groups arrive over time (the concept survey closes group by group) cannot use
complementary suppression, since a group shown today could be the complement needed tomorrow.
There the total counts only the groups shown on their own, so it never contains a hidden answer.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exercises import RESISTANCE_SOURCES

# Results for fewer respondents than this are not shown: they could point at someone.
MINIMUM_RESPONDENTS = 3


class Hidden:
    """Why a cell shows nothing (its label is shown on the page)."""

    OPEN = "open"
    FEW = "few"  # fewer than the minimum answered in this cell
    COMPLEMENT = "complement"  # hidden so that a hidden cell cannot be computed from the rest

    LABELS = {
        OPEN: _("Shown when the answering closes."),
        FEW: _("Fewer than %(minimum)s answers: not shown."),
        COMPLEMENT: _("Not shown, so that a smaller group's answers cannot be worked out."),
    }


@dataclass(frozen=True)
class Answer:
    """One respondent's contribution: numbers (scored) and free texts, in a fixed order."""

    values: tuple[float, ...]
    texts: tuple[str, ...] = ()


@dataclass
class Cell:
    key: object  # the group (or meeting) the cell is about; None for the total
    label: str
    respondents: int | None  # None when hidden: a hidden cell tells not even its count
    averages: list[float] | None = None
    texts: list[list[str]] = field(default_factory=list)  # per text field, sorted
    hidden: str | None = None

    @property
    def shown(self) -> bool:
        return self.hidden is None

    @property
    def average(self) -> float | None:
        """The one number of a single-question answer (a meeting's rating)."""
        return self.averages[0] if self.averages else None

    @property
    def hidden_label(self) -> str:
        if self.hidden is None:
            return ""
        return str(Hidden.LABELS[self.hidden]) % {"minimum": MINIMUM_RESPONDENTS}


@dataclass
class Table:
    total: Cell
    groups: list[Cell]
    closed: bool
    closes_on: datetime.date | None
    answered: int  # how many have answered: the one thing told while open
    asked: int

    @property
    def minimum(self) -> int:
        return MINIMUM_RESPONDENTS

    def cell(self, key) -> Cell | None:
        return next((cell for cell in self.groups if cell.key == key), None)

    @property
    def columns(self) -> list[Cell]:
        return [self.total, *self.groups]


def _sorted_texts(answers: list[Answer], fields: int) -> list[list[str]]:
    # Sorted, so the order says nothing about who answered when.
    return [sorted(a.texts[i] for a in answers if a.texts[i]) for i in range(fields)]


def _averages(answers: list[Answer]) -> list[float]:
    return [sum(column) / len(column) for column in zip(*(a.values for a in answers), strict=True)]


def hidden_groups(counts: dict[object, int], *, over_time: bool = False) -> tuple[set, bool]:
    """Which groups to hide, and whether the total is hidden: the rule on counts alone.

    Groups with no answers hide nothing (there is nothing to learn) and are not counted as a
    complement.
    """
    few = {key for key, n in counts.items() if 0 < n < MINIMUM_RESPONDENTS}
    if over_time:
        total = sum(n for key, n in counts.items() if key not in few)
        return few, total < MINIMUM_RESPONDENTS
    hidden = set(few)
    total_hidden = sum(counts.values()) < MINIMUM_RESPONDENTS
    if hidden and not total_hidden:

        def safe() -> bool:
            return len(hidden) >= 2 and sum(counts[k] for k in hidden) >= MINIMUM_RESPONDENTS

        spare = sorted(
            (k for k, n in counts.items() if n >= MINIMUM_RESPONDENTS),
            key=lambda k: counts[k],
        )
        while not safe() and spare:
            hidden.add(spare.pop(0))
        if not safe():
            total_hidden = True
    return hidden, total_hidden


def disclose(
    groups: Iterable[tuple[object, str, list[Answer]]],
    *,
    closed: bool,
    closes_on: datetime.date | None = None,
    asked: int = 0,
    total_label: str = "",
    over_time: bool = False,
    text_fields: int = 0,
) -> Table:
    """The table every page shows: cells per group and a total, with the rule applied."""
    groups = list(groups)
    answered = sum(len(answers) for _key, _label, answers in groups)
    total_label = total_label or str(_("All"))
    if not closed:
        return Table(
            total=Cell(None, total_label, None, hidden=Hidden.OPEN),
            groups=[Cell(key, label, None, hidden=Hidden.OPEN) for key, label, _a in groups],
            closed=False,
            closes_on=closes_on,
            answered=answered,
            asked=asked,
        )
    counts = {key: len(answers) for key, _label, answers in groups}
    few = {key for key, n in counts.items() if 0 < n < MINIMUM_RESPONDENTS}
    hidden, total_hidden = hidden_groups(counts, over_time=over_time)
    cells = []
    for key, label, answers in groups:
        if key in hidden:
            reason = Hidden.FEW if key in few else Hidden.COMPLEMENT
            cells.append(Cell(key, label, None, hidden=reason))
        elif not answers:
            cells.append(Cell(key, label, 0, texts=[[] for _i in range(text_fields)]))
        else:
            cells.append(
                Cell(
                    key,
                    label,
                    len(answers),
                    _averages(answers),
                    _sorted_texts(answers, text_fields),
                )
            )
    counted = [
        a for key, _label, answers in groups for a in answers if not over_time or key not in few
    ]
    if total_hidden:
        reason = Hidden.FEW if len(counted) < MINIMUM_RESPONDENTS else Hidden.COMPLEMENT
        total = Cell(None, total_label, None, hidden=reason)
    else:
        # Free texts from a group under the minimum appear nowhere, not even in the total.
        with_texts = [a for key, _label, answers in groups if key not in few for a in answers]
        total = Cell(
            None,
            total_label,
            len(counted),
            _averages(counted) if counted else None,
            _sorted_texts(with_texts, text_fields),
        )
    return Table(
        total=total,
        groups=cells,
        closed=True,
        closes_on=closes_on,
        answered=answered,
        asked=asked,
    )


# --- when answering closes ----------------------------------------------------------------------


def close_days() -> int:
    return settings.ANSWERS_CLOSE_DAYS


def _today() -> datetime.date:
    return timezone.localdate()


def evaluation_closes_on(meeting) -> datetime.date:
    return meeting.day + datetime.timedelta(days=close_days())


def evaluations_asked(meetings) -> dict[int, set[int]]:
    """Meeting id → who is asked to evaluate it: the group's members on the day, less those who
    sent apologies (hosts are not members and are never asked); at the seminar, everyone invited
    who neither sent apologies nor was recorded absent.

    One query per meeting day, not per meeting, so the round's pages do not grow with its groups.
    """
    from groups.models import Membership
    from meetings.models import Apology

    meetings = list(meetings)
    away = defaultdict(set)
    apologies = Apology.objects.filter(meeting__in=[m.pk for m in meetings])
    for meeting_id, leader_id in apologies.values_list("meeting_id", "leader_id"):
        away[meeting_id].add(leader_id)
    asked = {}
    in_groups = [m for m in meetings if m.group_id is not None]
    for day in {m.day for m in in_groups}:
        on_day = [m for m in in_groups if m.day == day]
        seats = defaultdict(set)
        rows = Membership.objects.on(day).filter(group__in=[m.group_id for m in on_day])
        for group_id, leader_id in rows.values_list("group_id", "leader_id"):
            seats[group_id].add(leader_id)
        for meeting in on_day:
            asked[meeting.pk] = seats[meeting.group_id] - away[meeting.pk]
    for seminar in (m for m in meetings if m.group_id is None):
        absent = set(seminar.attendance.filter(present=False).values_list("leader_id", flat=True))
        asked[seminar.pk] = {person.pk for person in seminar.invited()} - away[seminar.pk] - absent
    return asked


def evaluation_asked(meeting) -> set[int]:
    return evaluations_asked([meeting])[meeting.pk]


def evaluation_progress(meeting) -> tuple[int, int]:
    """How many of those asked have answered: all that is told while the evaluation is open."""
    asked = evaluation_asked(meeting)
    answered = meeting.evaluation_receipts.filter(leader_id__in=asked).count()
    return answered, len(asked)


def _evaluation_closed(meeting, asked: set[int], answered: set[int], today) -> bool:
    if (today or _today()) >= evaluation_closes_on(meeting):
        return True
    return bool(asked) and asked <= answered


def evaluation_is_closed(meeting, *, today: datetime.date | None = None) -> bool:
    if (today or _today()) >= evaluation_closes_on(meeting):
        return True
    answered = set(meeting.evaluation_receipts.values_list("leader_id", flat=True))
    return _evaluation_closed(meeting, evaluation_asked(meeting), answered, today)


def survey_closes_on(survey) -> datetime.date:
    start = timezone.localdate(survey.opened_at)
    if survey.round_id is not None and survey.round.days:
        start = max(start, survey.round.day_dates[-1])
    return start + datetime.timedelta(days=close_days())


def survey_asked(survey) -> dict[int, object]:
    """Who is asked, with the group they answer for: members only, never hosts or the chef group.

    A round's survey asks each group's members as they were on the day of their meeting; the
    concept survey asks the group's members on the day it opened.
    """
    from groups.models import Membership

    if survey.group_id is not None:
        seats = Membership.objects.on(timezone.localdate(survey.opened_at)).filter(
            group=survey.group
        )
        return {seat.leader_id: survey.group for seat in seats.select_related("group")}
    asked = {}
    for meeting in survey.round.meetings.filter(
        group__isnull=False, cancelled_at__isnull=True
    ).select_related("group"):
        for seat in Membership.objects.on(meeting.day).filter(group=meeting.group):
            asked[seat.leader_id] = meeting.group
    return asked


def survey_is_closed(survey, *, today: datetime.date | None = None) -> bool:
    if (today or _today()) >= survey_closes_on(survey):
        return True
    asked = set(survey_asked(survey))
    answered = set(survey.receipts.values_list("leader_id", flat=True))
    return bool(asked) and asked <= answered


# --- the tables the pages show ------------------------------------------------------------------


def round_evaluations(round_, *, today: datetime.date | None = None) -> Table:
    """The round's meetings as cells, one table for the chef group and every host.

    A host's page shows their meeting's cell of this same table, so nobody can set a cell shown
    on one page against a total shown on another. It closes when every meeting has closed.
    """
    from .models import EvaluationReceipt

    meetings = list(
        round_.meetings.filter(group__isnull=False, cancelled_at__isnull=True)
        .select_related("group", "round")
        .prefetch_related("evaluations")
        .order_by("group__number")
    )
    asked = evaluations_asked(meetings)
    answered = defaultdict(set)
    receipts = EvaluationReceipt.objects.filter(meeting__in=[m.pk for m in meetings])
    for meeting_id, leader_id in receipts.values_list("meeting_id", "leader_id"):
        answered[meeting_id].add(leader_id)
    closed = all(_evaluation_closed(m, asked[m.pk], answered[m.pk], today) for m in meetings)
    groups = [
        (
            meeting.pk,
            str(meeting.group),
            [Answer((a.rating,), (a.good, a.missed)) for a in meeting.evaluations.all()],
        )
        for meeting in meetings
    ]
    return disclose(
        groups,
        closed=closed,
        closes_on=max((evaluation_closes_on(m) for m in meetings), default=None),
        asked=sum(len(people) for people in asked.values()),
        total_label=str(_("The round")),
        text_fields=2,
    )


def meeting_evaluation(meeting, *, today: datetime.date | None = None) -> tuple[Cell, Table]:
    """A host's view: their meeting's cell of the round's table (and the table, for its state)."""
    table = round_evaluations(meeting.round, today=today)
    return table.cell(meeting.pk), table


def seminar_evaluation(meeting, *, today: datetime.date | None = None) -> Table:
    """The seminar's own evaluation: one cell, from the minimum of answers, once closed."""
    asked = evaluation_asked(meeting)
    answered = set(meeting.evaluation_receipts.values_list("leader_id", flat=True))
    answers = [Answer((a.rating,), (a.good, a.missed)) for a in meeting.evaluations.all()]
    return disclose(
        [(meeting.pk, str(meeting.round), answers)],
        closed=_evaluation_closed(meeting, asked, answered, today),
        closes_on=evaluation_closes_on(meeting),
        asked=len(asked),
        total_label=str(meeting.round),
        text_fields=2,
    )


def survey_table(survey, *, today: datetime.date | None = None) -> Table:
    """A survey's results: per group and in total.

    A round's survey is one table that closes as a whole. The concept survey is one table of
    every group whose own concept survey has closed; groups arrive over time there.
    """
    from .models import Survey, SurveyResponse
    from .surveys import SURVEYS

    kind = SURVEYS[survey.kind]
    if kind.per_round:
        surveys = [survey]
        closed = survey_is_closed(survey, today=today)
        asked = len(survey_asked(survey))
        closes_on = survey_closes_on(survey)
    else:
        own_closed = survey_is_closed(survey, today=today)
        surveys = [
            s
            for s in Survey.objects.filter(kind=survey.kind, round__isnull=True).select_related(
                "group"
            )
            if own_closed and survey_is_closed(s, today=today)
        ]
        closed = own_closed
        asked = len(survey_asked(survey))
        closes_on = survey_closes_on(survey)
    responses = SurveyResponse.objects.filter(survey__in=surveys).select_related("group")
    by_group: dict = {}
    for response in responses:
        by_group.setdefault(response.group, []).append(
            Answer(tuple(kind.scored(response.scores)), (response.text,))
        )
    if not closed:
        # While open, only this survey's count is told.
        answered = survey.receipts.count()
        return Table(
            total=Cell(None, str(_("All")), None, hidden=Hidden.OPEN),
            groups=[],
            closed=False,
            closes_on=closes_on,
            answered=answered,
            asked=asked,
        )
    groups = sorted((g for g in by_group if g is not None), key=lambda g: g.number)
    return disclose(
        [(g.pk, str(g), by_group[g]) for g in groups],
        closed=True,
        closes_on=closes_on,
        asked=asked,
        total_label=str(_("All")),
        over_time=not kind.per_round,
        text_fields=1,
    )


# --- the workshop's exercises -------------------------------------------------------------------


@dataclass
class ResistanceResult:
    respondents: int
    minimum: int
    closed: bool
    rows: list[tuple[str, float]] = field(default_factory=list)  # source, average 1–5

    @property
    def shown(self) -> bool:
        return bool(self.rows)


def resistance_result(exercise) -> ResistanceResult:
    """The group's ratings of the nine sources: shown once the host has closed the exercise (no
    live figures while answers come in one by one) and only from the minimum of answers. One
    group, no total: nothing else to subtract it from."""
    scores = [answer.scores for answer in exercise.answers.all()]
    result = ResistanceResult(len(scores), MINIMUM_RESPONDENTS, exercise.is_closed)
    if exercise.is_closed and len(scores) >= MINIMUM_RESPONDENTS:
        averages = [sum(column) / len(column) for column in zip(*scores, strict=True)]
        result.rows = list(zip(RESISTANCE_SOURCES, averages, strict=True))
    return result
