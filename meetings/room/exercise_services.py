"""Writes for the workshop's exercises. They follow the room's rules: the group as it was on the
meeting's day and its host take part, on the meeting's day; the results are the group's."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Meeting
from nyborg_ledelse.organisation.models import Leader

from .disclosure import resistance_result
from .exercises import PROBLEM_TYPES, RESISTANCE_SOURCES, TENSION_FIELDS, TENSION_LEVELS
from .models import Exercise, ExerciseAnswer, ExerciseReceipt, Summary
from .services import summary_save


def _on_the_day(meeting: Meeting) -> None:
    if timezone.localdate() != meeting.day:
        raise ValidationError(_("The exercises are run with the group on the meeting's day."))


def _still_open(exercise: Exercise) -> None:
    if exercise.is_closed:
        raise ValidationError(_("The exercise is closed."))


@transaction.atomic
def exercise_open(
    *, meeting: Meeting, agenda_item: AgendaItem, kind: str, by: Leader, task: str = ""
) -> Exercise:
    _on_the_day(meeting)
    if agenda_item.round_id != meeting.round_id:
        raise ValidationError(_("Choose an item of this meeting's agenda."))
    exercise = Exercise(
        meeting=meeting, agenda_item=agenda_item, kind=kind, opened_by=by, task=task.strip()
    )
    exercise.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            exercise.save()
    except IntegrityError:
        raise ValidationError(_("This exercise is already open at that agenda item.")) from None
    return exercise


def exercise_answer(*, exercise: Exercise, leader: Leader, scores: list[int]) -> None:
    """One anonymous rating per member: the receipt says who answered, never what."""
    if exercise.kind != Exercise.Kind.RESISTANCE:
        raise ValidationError(_("This exercise is marked by the group together."))
    _on_the_day(exercise.meeting)
    _still_open(exercise)
    if len(scores) != len(RESISTANCE_SOURCES) or any(s not in range(1, 6) for s in scores):
        raise ValidationError(_("Rate every source of resistance from 1 to 5."))
    try:
        with transaction.atomic():
            ExerciseReceipt.objects.create(exercise=exercise, leader=leader)
            ExerciseAnswer.objects.create(exercise=exercise, scores=scores)
    except IntegrityError:
        raise ValidationError(_("You have already answered.")) from None


@transaction.atomic
def exercise_mark(
    *,
    exercise: Exercise,
    marks: dict[str, int] | None = None,
    problem_type: str = "",
    task: str = "",
    note: str = "",
) -> Exercise:
    """The group's own marks: the tension fields, or the problem's type."""
    if exercise.kind == Exercise.Kind.RESISTANCE:
        raise ValidationError(_("The sources of resistance are rated by each member."))
    _on_the_day(exercise.meeting)
    exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
    _still_open(exercise)
    if exercise.kind == Exercise.Kind.TENSION:
        marks = {k: v for k, v in (marks or {}).items() if v}
        if any(
            int(k) not in range(len(TENSION_FIELDS)) or v not in TENSION_LEVELS
            for k, v in marks.items()
        ):
            raise ValidationError(_("Mark each tension field as low, some or high."))
        exercise.marks = marks
    elif problem_type and problem_type not in PROBLEM_TYPES:
        raise ValidationError(_("Choose the problem's type."))
    else:
        exercise.problem_type = problem_type
    exercise.task, exercise.note = task.strip(), note.strip()
    exercise.save(update_fields=["marks", "problem_type", "task", "note"])
    return exercise


@transaction.atomic
def exercise_close(*, exercise: Exercise) -> Exercise:
    Exercise.objects.filter(pk=exercise.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    exercise.refresh_from_db()
    return exercise


def exercise_summary_text(exercise: Exercise) -> str:
    """The result as the group reads it, for the summary; nothing below the room's minimum."""
    lines = [f"{exercise.get_kind_display()}" + (f": {exercise.task}" if exercise.task else "")]
    if exercise.kind == Exercise.Kind.RESISTANCE:
        result = resistance_result(exercise)
        if not result.shown:
            raise ValidationError(
                _("Fewer than %(minimum)s have answered, so there is no result to add.")
                % {"minimum": result.minimum}
            )
        lines += [f"{source}: {average:.1f}" for source, average in result.rows]
    elif exercise.kind == Exercise.Kind.TENSION:
        lines += [
            f"{field}: {TENSION_LEVELS[exercise.marks[str(i)]]}"
            for i, field in enumerate(TENSION_FIELDS)
            if str(i) in exercise.marks
        ]
    elif exercise.problem_type:
        problem = PROBLEM_TYPES[exercise.problem_type]
        lines.append(f"{problem.label} – {problem.leadership}")
    if exercise.note:
        lines.append(exercise.note)
    return "\n".join(lines)


@transaction.atomic
def exercise_to_summary(*, exercise: Exercise, by: Leader) -> Summary:
    """The group wants the result in its summary: it goes under the exercise's agenda item."""
    if not exercise.is_closed:
        raise ValidationError(_("Close the exercise before adding its result to the summary."))
    text = exercise_summary_text(exercise)
    meeting = exercise.meeting
    current = Summary.objects.select_for_update().filter(meeting=meeting).first()
    notes = dict(current.item_notes) if current else {}
    key = str(exercise.agenda_item.number)
    notes[key] = f"{notes[key]}\n\n{text}" if notes.get(key) else text
    summary = summary_save(
        meeting=meeting, by=by, version=current.version if current else None, item_notes=notes
    )
    Exercise.objects.filter(pk=exercise.pk).update(in_summary_at=timezone.now())
    return summary
