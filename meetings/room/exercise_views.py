"""The workshop's exercises in a meeting: the host opens them at an agenda item, the group takes
part on the meeting's day, and the results are the group's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nyborg_ledelse.views import show_errors

from .disclosure import resistance_result
from .exercise_services import (
    exercise_answer,
    exercise_close,
    exercise_mark,
    exercise_open,
    exercise_to_summary,
)
from .exercises import (
    PROBLEM_INTRO,
    PROBLEM_TYPES,
    RESISTANCE_INTRO,
    TENSION_FIELDS,
    TENSION_INTRO,
    TENSION_LEVELS,
)
from .forms import ExerciseOpenForm, ProblemForm, ResistanceForm, TensionForm
from .models import AccessLog, Exercise, Survey
from .permissions import (
    get_exercise_in_room,
    get_meeting_in_room,
    may_rate,
    may_take_part,
    may_write_records,
)
from .services import log_access


@login_required
def exercises(request, pk: int):
    # Exercises are run in the meeting on its day, so the host can look at them ahead of it.
    meeting = get_meeting_in_room(request.user, pk, may=may_take_part, opens_at_start=False)
    return render(
        request,
        "room/exercises.html",
        {
            "meeting": meeting,
            "exercises": meeting.exercises.select_related("agenda_item"),
            "is_host": may_write_records(request.user, meeting),
            "on_the_day": timezone.localdate() == meeting.day,
            "form": ExerciseOpenForm(meeting=meeting),
            # The course / coordination / commitment statements are a survey of the round.
            "course_survey": Survey.objects.filter(round=meeting.round, kind="course").first(),
        },
    )


@require_POST
@login_required
def exercise_new(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_write_records, opens_at_start=False)
    form = ExerciseOpenForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Choose an exercise and an agenda item."))
        return redirect("room:exercises", pk=meeting.pk)
    try:
        exercise = exercise_open(meeting=meeting, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("room:exercises", pk=meeting.pk)
    return redirect("room:exercise", pk=exercise.pk)


@login_required
def exercise_detail(request, pk: int):
    exercise = get_exercise_in_room(request.user, pk, may=may_take_part)
    meeting = exercise.meeting
    log_access(request.user, AccessLog.What.EXERCISE, meeting=meeting)
    context = {
        "exercise": exercise,
        "meeting": meeting,
        "is_host": may_write_records(request.user, meeting),
        "may_take_part_now": timezone.localdate() == meeting.day and not exercise.is_closed,
    }
    if exercise.kind == Exercise.Kind.RESISTANCE:
        context.update(
            intro=RESISTANCE_INTRO,
            result=resistance_result(exercise),
            may_rate=may_rate(request.user, meeting),
            answered=exercise.receipts.filter(leader=request.user).exists(),
            form=ResistanceForm(),
        )
    elif exercise.kind == Exercise.Kind.TENSION:
        initial = {f"t{k}": v for k, v in exercise.marks.items()}
        context.update(
            intro=TENSION_INTRO,
            rows=[
                (field, TENSION_LEVELS.get(exercise.marks.get(str(i))))
                for i, field in enumerate(TENSION_FIELDS)
            ],
            form=TensionForm(initial={**initial, "task": exercise.task, "note": exercise.note}),
        )
    else:
        context.update(
            intro=PROBLEM_INTRO,
            problem=PROBLEM_TYPES.get(exercise.problem_type),
            problem_types=PROBLEM_TYPES.values(),
            form=ProblemForm(
                initial={
                    "task": exercise.task,
                    "problem_type": exercise.problem_type,
                    "note": exercise.note,
                }
            ),
        )
    return render(request, "room/exercise.html", context)


@require_POST
@login_required
def exercise_answer_view(request, pk: int):
    exercise = get_exercise_in_room(request.user, pk, may=may_rate)
    form = ResistanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Rate every source of resistance from 1 to 5."))
        return redirect("room:exercise", pk=exercise.pk)
    try:
        exercise_answer(exercise=exercise, leader=request.user, scores=form.scores())
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Thank you. Your ratings are saved anonymously."))
    return redirect("room:exercise", pk=exercise.pk)


@require_POST
@login_required
def exercise_mark_view(request, pk: int):
    exercise = get_exercise_in_room(request.user, pk, may=may_take_part)
    form = (
        TensionForm(request.POST)
        if exercise.kind == Exercise.Kind.TENSION
        else ProblemForm(request.POST)
    )
    if not form.is_valid():
        messages.error(request, _("Check the marks and try again."))
        return redirect("room:exercise", pk=exercise.pk)
    data = form.cleaned_data
    try:
        exercise_mark(
            exercise=exercise,
            marks=form.marks() if isinstance(form, TensionForm) else None,
            problem_type=data.get("problem_type", ""),
            task=data["task"],
            note=data["note"],
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The group's marks are saved."))
    return redirect("room:exercise", pk=exercise.pk)


@require_POST
@login_required
def exercise_close_view(request, pk: int):
    exercise = get_exercise_in_room(request.user, pk, may=may_write_records)
    exercise_close(exercise=exercise)
    messages.success(request, _("The exercise is closed; the group sees the result."))
    return redirect("room:exercise", pk=exercise.pk)


@require_POST
@login_required
def exercise_summary_view(request, pk: int):
    """The host adds the result to the summary when the group wants it there."""
    exercise = get_exercise_in_room(request.user, pk, may=may_write_records)
    try:
        exercise_to_summary(exercise=exercise, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("room:exercise", pk=exercise.pk)
    messages.success(request, _("The result is added to the summary under its agenda item."))
    return redirect("room:summary", pk=exercise.meeting_id)
