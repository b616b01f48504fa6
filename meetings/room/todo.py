"""What the confidential room asks of a person: evaluations and surveys to answer, drafts to
comment on and mentions to agree to; for a host the summary and the feedback; for the chef group
the round's feedback and report. Every rule is the room's own (permissions.py, disclosure.py)."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groups.models import Hosting
from meetings.models import Kind as RoundKind
from meetings.models import Meeting, Round
from nyborg_ledelse.organisation.frontpage import Kind, Task

from .disclosure import close_days, evaluation_closes_on, evaluation_is_closed, survey_closes_on
from .models import AccessLog, ChefGroupAnswer, MentionAgreement, Summary
from .permissions import may_evaluate, may_read_summary, may_write_records
from .reports import report_deadline
from .services import FEEDBACK_REMINDER_DAYS, surveys_to_answer

ONE_DAY = datetime.timedelta(days=1)


def follow_up_deadline(meeting: Meeting) -> datetime.date:
    """The host's summary and feedback are due by the feedback's last reminder."""
    return meeting.day + datetime.timedelta(days=max(FEEDBACK_REMINDER_DAYS))


def tasks(user, today: datetime.date) -> list[Task]:
    return [
        *_evaluations(user, today),
        *_surveys(user),
        *_drafts_to_comment(user, today),
        *_mentions(user),
        *_follow_ups(user, today),
        *(_round_pipeline(user, today) if user.is_chef_group else []),
    ]


def _evaluations(user, today: datetime.date) -> list[Task]:
    candidates = (
        Meeting.objects.for_leader(user)
        .filter(
            group__isnull=False,
            cancelled_at__isnull=True,
            day__lte=today,
            day__gt=today - datetime.timedelta(days=close_days()),
        )
        .exclude(evaluation_receipts__leader=user)
        .select_related("round", "group")
    )
    return [
        Task(
            kind=Kind.LEADER,
            title=_("Evaluate %(meeting)s") % {"meeting": meeting},
            url=reverse("room:evaluate", args=[meeting.pk]),
            # The last day an answer is taken.
            deadline=evaluation_closes_on(meeting) - ONE_DAY,
        )
        for meeting in candidates
        if meeting.starts_at <= timezone.now()
        and may_evaluate(user, meeting)
        and not evaluation_is_closed(meeting)
    ]


def _surveys(user) -> list[Task]:
    return [
        Task(
            kind=Kind.LEADER,
            title=_("Answer the survey: %(survey)s") % {"survey": survey.title},
            url=reverse("room:survey", args=[survey.pk]),
            deadline=survey_closes_on(survey) - ONE_DAY,
        )
        for survey in surveys_to_answer(user)
    ]


def _drafts_to_comment(user, today: datetime.date) -> list[Task]:
    drafts = (
        Summary.objects.filter(
            status=Summary.Status.COMMENTING,
            comment_until__gte=today,
            meeting__in=Meeting.objects.for_leader(user),
        )
        .exclude(comments__author=user)
        .select_related("meeting__round", "meeting__group")
    )
    return [
        Task(
            kind=Kind.LEADER,
            title=_("Comment on the draft summary of %(meeting)s") % {"meeting": draft.meeting},
            url=reverse("room:summary", args=[draft.meeting.pk]),
            deadline=draft.comment_until,
        )
        for draft in drafts
        # The host shares the draft; the group comments on it.
        if may_read_summary(user, draft.meeting) and not draft.meeting.is_hosted_by(user)
    ]


def _mentions(user) -> list[Task]:
    asked = MentionAgreement.objects.filter(
        person=user, status=MentionAgreement.Status.ASKED
    ).select_related("meeting__round", "meeting__group", "meeting__summary")
    found = []
    for mention in asked:
        summary = getattr(mention.meeting, "summary", None)
        # A summary open for comments is published when they close: answer before.
        deadline = None
        if mention.document == MentionAgreement.Document.SUMMARY and summary is not None:
            deadline = summary.comment_until
        found.append(
            Task(
                kind=Kind.LEADER,
                title=_("May a sentence naming you stay in %(document)s of %(meeting)s?")
                % {"document": mention.get_document_display(), "meeting": mention.meeting},
                url=reverse("room:mention", args=[mention.pk]),
                deadline=deadline,
            )
        )
    return found


def _follow_ups(user, today: datetime.date) -> list[Task]:
    """The host's summary (write, share, publish) and feedback (write, release) after a meeting."""
    held = (
        Meeting.objects.filter(
            group__in=Hosting.objects.filter(leader=user).values("group"),
            cancelled_at__isnull=True,
            round__published_at__isnull=False,
            day__lte=today,
        )
        .exclude(summary__status=Summary.Status.PUBLISHED, feedback__released_at__isnull=False)
        .select_related("round", "group", "summary", "feedback")
        .annotate(comments=Count("summary__comments"))
    )
    found = []
    for meeting in held:
        if meeting.starts_at > timezone.now() or not may_write_records(user, meeting):
            continue
        summary = getattr(meeting, "summary", None)
        feedback = getattr(meeting, "feedback", None)
        if summary is None or summary.status == Summary.Status.DRAFT:
            found.append(
                Task(
                    kind=Kind.HOST,
                    title=_("Write the summary of %(meeting)s and share it with the group")
                    % {"meeting": meeting},
                    url=reverse("room:summary_edit", args=[meeting.pk]),
                    deadline=follow_up_deadline(meeting),
                )
            )
        elif summary.status == Summary.Status.COMMENTING:
            found.append(
                Task(
                    kind=Kind.HOST,
                    title=_("Publish the summary of %(meeting)s") % {"meeting": meeting},
                    url=reverse("room:summary", args=[meeting.pk]),
                    deadline=summary.comment_until,
                    detail=ngettext(
                        "%(count)d comment received",
                        "%(count)d comments received",
                        meeting.comments,
                    )
                    % {"count": meeting.comments},
                )
            )
        if feedback is None or not feedback.is_released:
            found.append(
                Task(
                    kind=Kind.HOST,
                    title=_("Agree the feedback to the chef group from %(meeting)s")
                    % {"meeting": meeting},
                    url=reverse("room:feedback_edit", args=[meeting.pk]),
                    deadline=follow_up_deadline(meeting),
                )
            )
    return found


def _round_pipeline(user, today: datetime.date) -> list[Task]:
    """The latest round held: the groups' feedback as it is released, then the report to read."""
    round_ = (
        Round.objects.published()
        .filter(kind=RoundKind.GROUPS, week_start__lte=today)
        .annotate(
            groups=Count("meetings", filter=_held_group_meetings()),
            released=Count(
                "meetings",
                filter=_held_group_meetings(meetings__feedback__released_at__isnull=False),
            ),
        )
        # An aggregate drops Meta.ordering: the latest round is asked for by name.
        .order_by("-week_start")
        .first()
    )
    if round_ is None or not round_.groups:
        return []
    deadline = report_deadline(round_)
    all_released = round_.released == round_.groups
    # The same rule as the report's: complete when every group released or the deadline passed.
    if not all_released and (deadline is None or today <= deadline):
        last_day = round_.day_dates[-1] if round_.days else round_.week_start
        return [
            Task(
                kind=Kind.CHEF_GROUP,
                title=_("Feedback from the groups in %(round)s") % {"round": round_},
                url=reverse("room:report", args=[round_.pk]),
                deadline=last_day + datetime.timedelta(days=max(FEEDBACK_REMINDER_DAYS)),
                detail=_("%(released)d of %(groups)d released")
                % {"released": round_.released, "groups": round_.groups},
            )
        ]
    found = []
    read = AccessLog.objects.filter(who=user, what=AccessLog.What.REPORT, round=round_).exists()
    if not read:
        found.append(
            Task(
                kind=Kind.CHEF_GROUP,
                title=_("The report of %(round)s is ready to read") % {"round": round_},
                url=reverse("room:report", args=[round_.pk]),
                detail=(
                    _("All %(groups)d groups have released their feedback")
                    % {"groups": round_.groups}
                    if all_released
                    else _("%(released)d of %(groups)d released by the deadline")
                    % {"released": round_.released, "groups": round_.groups}
                ),
            )
        )
    answered = ChefGroupAnswer.objects.published().filter(round=round_).exists()
    if not answered:
        found.append(
            Task(
                kind=Kind.CHEF_GROUP,
                title=_("Answer the groups' feedback from %(round)s") % {"round": round_},
                url=reverse("room:chef_answer_edit", args=[round_.pk]),
                detail=_("Publish what the chef group will do with it; every leader is told."),
            )
        )
    return found


def _held_group_meetings(**more) -> Q:
    return Q(meetings__group__isnull=False, meetings__cancelled_at__isnull=True, **more)
