"""Who may reach which record of the confidential room: views call these first; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from meetings.models import Meeting, Round
from meetings.permissions import require_begun

from .disclosure import evaluation_asked, survey_asked
from .models import ChefGroupAnswer, Exercise, MentionAgreement, Survey

# 404 for a record the user may not know exists; 403 where they may see it but not do this to it.

# Exact on purpose: HR, administrators, other groups and their hosts, and
# a member's own line manager see nothing here unless they are in the group.


def may_read_summary(user, meeting: Meeting) -> bool:
    summary = getattr(meeting, "summary", None)
    if meeting.is_hosted_by(user):
        return True
    shown = summary is not None and summary.status != summary.Status.DRAFT
    return shown and meeting.had_member(user)


def readable_commitments(user, commitments) -> list:
    """Commitments follow their summary: the group on the meeting's day (once the draft is
    shared) and its hosts; nobody else, wherever they are shown."""
    allowed: dict[int, bool] = {}
    result = []
    for commitment in commitments:
        meeting = commitment.summary.meeting
        if meeting.pk not in allowed:
            allowed[meeting.pk] = may_read_summary(user, meeting)
        if allowed[meeting.pk]:
            result.append(commitment)
    return result


def may_read_feedback(user, meeting: Meeting) -> bool:
    """The group while it decides; the chef group once the group has released it."""
    if meeting.is_hosted_by(user) or meeting.had_member(user):
        return True
    feedback = getattr(meeting, "feedback", None)
    return user.is_chef_group and feedback is not None and feedback.is_released


def get_meeting_in_room(user, pk: int, *, may, opens_at_start: bool = True) -> Meeting:
    """The meeting if `may` allows; the records of a meeting open when it begins."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("round", "group", "host", "room"),
        pk=pk,
        group__isnull=False,
        round__published_at__isnull=False,
    )
    if not meeting.may_see(user):
        raise Http404
    allowed = may(user, meeting)
    # The group and its hosts are told when the records open; others only that they may not.
    if opens_at_start and (allowed or may_take_part(user, meeting)):
        require_begun(meeting)
    if not allowed:
        raise PermissionDenied
    return meeting


def may_write_records(user, meeting: Meeting) -> bool:
    return meeting.is_hosted_by(user)


def may_evaluate(user, meeting: Meeting) -> bool:
    """The group's members on the day who came; never its hosts (see disclosure.py)."""
    return user.pk in evaluation_asked(meeting) and not meeting.is_hosted_by(user)


def may_see_group_evaluations(user, meeting: Meeting) -> bool:
    return meeting.is_hosted_by(user)


def get_seminar_in_room(user, pk: int, *, may) -> Meeting:
    """The seminar's evaluation: everyone invited knows the seminar exists."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("round"),
        pk=pk,
        group__isnull=True,
        round__published_at__isnull=False,
    )
    if not meeting.may_see(user):
        raise Http404
    if not may(user, meeting):
        raise PermissionDenied
    return meeting


def may_evaluate_seminar(user, meeting: Meeting) -> bool:
    """Those invited who came (see disclosure.evaluations_asked), the chef group among them."""
    return user.pk in evaluation_asked(meeting)


def may_see_seminar_evaluation(user, meeting: Meeting) -> bool:
    return user.is_chef_group


def get_round_for_chef_group(user, pk: int) -> Round:
    """The round's report, evaluations and surveys: the chef group's. Administrators plan rounds,
    so they know the round exists (403); everyone else does not (404)."""
    round_ = get_object_or_404(Round, pk=pk, published_at__isnull=False)
    if user.is_chef_group:
        return round_
    if user.is_administrator:
        raise PermissionDenied
    raise Http404


def may_answer_survey(user, survey: Survey) -> bool:
    """The groups' members only: hosts and the chef group never answer as a group."""
    return user.pk in survey_asked(survey)


def get_survey_to_answer(user, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("group", "round"), pk=pk)
    if may_answer_survey(user, survey):
        return survey
    if user.is_chef_group:
        # They see its results, so they know it exists; they do not answer it.
        raise PermissionDenied
    raise Http404


def get_survey_results(user, pk: int) -> Survey:
    """The chef group (every host is in it) sees results; never below the minimum of answers."""
    survey = get_object_or_404(Survey.objects.select_related("group", "round"), pk=pk)
    if not user.is_chef_group:
        raise Http404
    return survey


def may_take_part(user, meeting: Meeting) -> bool:
    """The workshop's exercises: the group as it was on the meeting's day, and its host."""
    return meeting.is_hosted_by(user) or meeting.had_member(user)


def may_rate(user, meeting: Meeting) -> bool:
    """Each member rates; the host facilitates and does not."""
    return meeting.had_member(user) and not meeting.is_hosted_by(user)


def get_exercise_in_room(user, pk: int, *, may) -> Exercise:
    exercise = get_object_or_404(
        Exercise.objects.select_related("meeting__round", "meeting__group", "agenda_item"), pk=pk
    )
    # Outside the group an exercise is not known to exist; the group may see what it may not do.
    if not may_take_part(user, exercise.meeting):
        raise Http404
    if not may(user, exercise.meeting):
        raise PermissionDenied
    return exercise


def get_mention_for_person(user, pk: int) -> MentionAgreement:
    """Only the named person may read or answer a question about a sentence that names them:
    everyone else, the host included, gets a 404, as if it did not exist."""
    return get_object_or_404(
        MentionAgreement.objects.select_related("meeting__round", "meeting__group", "asked_by"),
        pk=pk,
        person_id=user.pk,
    )


def may_read_chef_answers(user) -> bool:
    """A published answer of the chef group is for every leader: the groups and the chef group."""
    return user.is_chef_group or user.in_store_ledergruppe


def chef_answer_readers():
    """Who is told when the chef group publishes its answer: the same people as above."""
    from nyborg_ledelse.organisation.models import Leader

    return Leader.objects.filter(
        Q(pk__in=Leader.objects.store_ledergruppe()) | Q(pk__in=Leader.objects.chef_group())
    ).order_by("pk")


def get_chef_answer_to_read(user, pk: int) -> tuple[Round, ChefGroupAnswer | None]:
    """The chef group reads its draft (or learns there is none yet); every leader reads it once
    published; for anyone else, and before then, it does not exist."""
    round_ = get_object_or_404(Round, pk=pk, published_at__isnull=False)
    answer = (
        ChefGroupAnswer.objects.filter(round=round_)
        .select_related("published_by")
        .prefetch_related("round__questions")
        .first()
    )
    if user.is_chef_group:
        return round_, answer
    if answer is not None and answer.is_published and may_read_chef_answers(user):
        return round_, answer
    raise Http404
