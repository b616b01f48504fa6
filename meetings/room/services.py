"""Writes in the confidential room: summaries, feedback, the name check, evaluations, surveys."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.notifications.services import cancel_messages, queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from .models import (
    AccessLog,
    AgreedMention,
    EvaluationAnswer,
    EvaluationReceipt,
    Feedback,
    Summary,
    SummaryComment,
    Survey,
    SurveyReceipt,
    SurveyResponse,
)
from .namecheck import Finding, Person, find_people
from .notifications import (
    CONCEPT_SURVEY,
    EVALUATION_NUDGE,
    FEEDBACK_REMINDER,
    SUMMARY_FOR_COMMENTS,
    SUMMARY_PUBLISHED,
    SUMMARY_REMINDER,
)
from .surveys import CONCEPT, SURVEYS

# After the meeting: 2 days, then every 3 days for six weeks (they stop once it is published).
SUMMARY_REMINDER_DAYS = tuple(range(2, 45, 3))
FEEDBACK_REMINDER_DAYS = (2, 7)
EVALUATION_NUDGE_DAYS = (1, 4)  # the nudge the day after, and one reminder
CONCEPT_AFTER_MEETINGS = 6


class EditConflict(ValidationError):
    """Someone saved the text since this editor opened it; their version is kept and shown."""

    def __init__(self, current):
        super().__init__(
            _(
                "%(name)s saved a new version while you were editing. Their version is shown "
                "below; yours is still in the form."
            )
            % {"name": current.updated_by.full_name}
        )
        self.current = current


class NamesFound(ValidationError):
    def __init__(self, findings: list[Finding]):
        super().__init__(
            _(
                "The text names or points out people. Edit each marked place, or mark it as agreed "
                "with the person."
            )
        )
        self.findings = findings


# --- the name check -------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    finding: Finding | None = None
    agreed: AgreedMention | None = None


def _people(meeting: Meeting) -> tuple[list[Person], list[Person]]:
    register = [Person(*names) for names in Leader.objects.values_list("first_name", "last_name")]
    group = [Person(p.first_name, p.last_name) for p in meeting.invited()]
    if meeting.group and meeting.group.co_host:
        group.append(Person(meeting.group.co_host.first_name, meeting.group.co_host.last_name))
    return register, group


def checked_texts(meeting: Meeting, document: str, texts: list[str]) -> list[list[Segment]]:
    """Each text cut into segments, every finding marked, with who agreed to it if anyone did."""
    register, group = _people(meeting)
    agreed = {a.text: a for a in meeting.agreed_mentions.filter(document=document)}
    result = []
    for text in texts:
        segments, position = [], 0
        for finding in find_people(text, register=register, group=group):
            segments.append(Segment(text[position : finding.start]))
            segments.append(Segment(finding.text, finding, agreed.get(finding.text)))
            position = finding.end
        segments.append(Segment(text[position:]))
        result.append(segments)
    return result


def open_findings(meeting: Meeting, document: str, texts: list[str]) -> list[Finding]:
    return [
        segment.finding
        for segments in checked_texts(meeting, document, texts)
        for segment in segments
        if segment.finding and segment.agreed is None
    ]


def mention_agree(*, meeting: Meeting, document: str, text: str, by: Leader) -> AgreedMention:
    mention, _created = AgreedMention.objects.get_or_create(
        meeting=meeting, document=document, text=text, defaults={"marked_by": by}
    )
    return mention


# --- summary and feedback -------------------------------------------------------------------


def _locked(model, meeting: Meeting, missing: str):
    """The meeting's summary or feedback, locked for the change; a clear error if none is written."""
    record = model.objects.select_for_update().filter(meeting=meeting).first()
    if record is None:
        raise ValidationError(missing)
    return record


def _save_versioned(model, meeting: Meeting, *, version: int | None, by: Leader, fields: dict):
    """Create, or update only if nobody saved since `version`; otherwise EditConflict."""
    current = model.objects.select_related("updated_by").filter(meeting=meeting).first()
    if current is None:
        try:
            with transaction.atomic():
                return model.objects.create(meeting=meeting, updated_by=by, **fields)
        except IntegrityError:
            current = model.objects.select_related("updated_by").get(meeting=meeting)
            raise EditConflict(current) from None
    updated = model.objects.filter(pk=current.pk, version=version).update(
        **fields, version=F("version") + 1, updated_by=by, updated_at=timezone.now()
    )
    if not updated:
        raise EditConflict(current)
    return model.objects.get(pk=current.pk)


def summary_save(*, meeting: Meeting, by: Leader, version: int | None, **fields) -> Summary:
    summary = getattr(meeting, "summary", None)
    if summary is not None and summary.is_published:
        raise ValidationError(_("The summary is published and can no longer be changed."))
    return _save_versioned(Summary, meeting, version=version, by=by, fields=fields)


@transaction.atomic
def summary_share(*, meeting: Meeting, by: Leader, days: int) -> Summary:
    """The draft goes to the group, who may comment on it for `days` days."""
    summary = _locked(Summary, meeting, _("Write the summary first."))
    if summary.is_published:
        raise ValidationError(_("The summary is already published."))
    if days < 1:
        raise ValidationError(_("Give the group at least one day to comment."))
    summary.status = Summary.Status.COMMENTING
    summary.comment_until = timezone.localdate() + datetime.timedelta(days=days)
    summary.save(update_fields=["status", "comment_until"])
    with sending_together():
        for member in meeting.group.members_on(meeting.day):
            queue_message(
                recipient=member,
                kind=SUMMARY_FOR_COMMENTS.key,
                about=summary,
                version=summary.version,
                context={"meeting": meeting, "until": summary.comment_until},
                url=meeting.get_absolute_url() + "summary/",
            )
    return summary


def summary_comment(*, meeting: Meeting, author: Leader, text: str) -> SummaryComment:
    summary = Summary.objects.filter(meeting=meeting).first()
    if (
        summary is None
        or summary.status != Summary.Status.COMMENTING
        or timezone.localdate() > summary.comment_until
    ):
        raise ValidationError(_("The summary is not open for comments."))
    if not text.strip():
        raise ValidationError(_("Write a comment."))
    return SummaryComment.objects.create(summary=summary, author=author, text=text.strip())


@transaction.atomic
def summary_publish(*, meeting: Meeting, by: Leader) -> Summary:
    summary = _locked(Summary, meeting, _("Write the summary first."))
    if summary.is_published:
        raise ValidationError(_("The summary is already published."))
    findings = open_findings(meeting, "summary", summary.texts())
    if findings:
        raise NamesFound(findings)
    summary.status = Summary.Status.PUBLISHED
    summary.published_at = timezone.now()
    summary.save(update_fields=["status", "published_at"])
    cancel_messages(kind=SUMMARY_REMINDER.key, about=meeting, reason="published")
    with sending_together():
        for member in meeting.group.members_on(meeting.day):
            queue_message(
                recipient=member,
                kind=SUMMARY_PUBLISHED.key,
                about=summary,
                context={"meeting": meeting},
                url=meeting.get_absolute_url() + "summary/",
            )
    return summary


def feedback_save(*, meeting: Meeting, by: Leader, version: int | None, **fields) -> Feedback:
    feedback = getattr(meeting, "feedback", None)
    if feedback is not None and feedback.is_released:
        raise ValidationError(_("The feedback is released and can no longer be changed."))
    return _save_versioned(Feedback, meeting, version=version, by=by, fields=fields)


@transaction.atomic
def feedback_release(*, meeting: Meeting, by: Leader) -> Feedback:
    """The host marks the feedback as agreed by the group; only then does the chef group see it."""
    feedback = _locked(Feedback, meeting, _("Write the feedback first."))
    if feedback.is_released:
        raise ValidationError(_("The feedback is already released."))
    if not feedback.nothing_to_report and not feedback.texts():
        raise ValidationError(
            _("Write the feedback, or mark that the group has nothing to report.")
        )
    findings = open_findings(meeting, "feedback", feedback.texts())
    if findings:
        raise NamesFound(findings)
    feedback.agreed_by = by
    feedback.released_at = timezone.now()
    feedback.save(update_fields=["agreed_by", "released_at"])
    cancel_messages(kind=FEEDBACK_REMINDER.key, about=meeting, reason="released")
    return feedback


# --- follow-up reminders --------------------------------------------------------------------


def follow_up_queue(meeting: Meeting) -> None:
    """After a meeting: the host is reminded of the summary and the feedback; members evaluate.

    Idempotent: what is already queued for the meeting's current date stays; what was queued for
    an earlier date (the meeting moved) is cancelled.
    """
    current = rf":{meeting.sequence}-\d+d$"
    for kind in (SUMMARY_REMINDER, FEEDBACK_REMINDER, EVALUATION_NUDGE):
        stale = Message.objects.filter(
            kind=kind.key,
            about_type=ContentType.objects.get_for_model(Meeting),
            about_id=meeting.pk,
            state=State.PENDING,
        ).exclude(idempotency_key__regex=current)
        stale.update(state=State.CANCELLED, last_error="moved")
    if meeting.group is None or meeting.cancelled_at:
        return
    zone = timezone.get_current_timezone()

    def at(days: int) -> datetime.datetime:
        return datetime.datetime.combine(
            meeting.day + datetime.timedelta(days=days), datetime.time(9), tzinfo=zone
        )

    host = [meeting.host] if meeting.host else []
    for kind, days_list, people, url in (
        (
            SUMMARY_REMINDER,
            SUMMARY_REMINDER_DAYS,
            host,
            reverse("room:summary_edit", args=[meeting.pk]),
        ),
        (
            FEEDBACK_REMINDER,
            FEEDBACK_REMINDER_DAYS,
            host,
            reverse("room:feedback_edit", args=[meeting.pk]),
        ),
        (
            EVALUATION_NUDGE,
            EVALUATION_NUDGE_DAYS,
            meeting.group.members_on(meeting.day),
            reverse("room:evaluate", args=[meeting.pk]),
        ),
    ):
        for days in days_list:
            if at(days) <= timezone.now():
                continue  # a reminder whose moment has passed is not sent late
            for person in people:
                queue_message(
                    recipient=person,
                    kind=kind.key,
                    about=meeting,
                    version=f"{meeting.sequence}-{days}d",
                    due_at=at(days),
                    context={"meeting": meeting, "days": days},
                    url=url,
                )


# --- evaluations and surveys ------------------------------------------------------------------


def evaluation_submit(*, meeting: Meeting, leader: Leader, good: str, missed: str, rating: int):
    """One anonymous answer per attendee: the receipt says who answered, never what."""
    if timezone.now() < meeting.starts_at:
        raise ValidationError(_("The meeting is evaluated once it has been held."))
    if rating not in range(1, 6):
        raise ValidationError(_("Rate the meeting from 1 to 5."))
    try:
        with transaction.atomic():
            EvaluationReceipt.objects.create(meeting=meeting, leader=leader)
            EvaluationAnswer.objects.create(
                meeting=meeting, good=good.strip(), missed=missed.strip(), rating=rating
            )
    except IntegrityError:
        raise ValidationError(_("You have already evaluated this meeting.")) from None


def survey_submit(*, survey: Survey, leader: Leader, scores: list[int], text: str) -> None:
    kind = SURVEYS[survey.kind]
    if len(scores) != len(kind.statements) or any(s not in range(1, 6) for s in scores):
        raise ValidationError(_("Answer every statement from 1 to 5."))
    from groups.models import Group

    group = survey.group or Group.of(leader)
    try:
        with transaction.atomic():
            SurveyReceipt.objects.create(survey=survey, leader=leader)
            SurveyResponse.objects.create(
                survey=survey, group=group, scores=scores, text=text.strip()
            )
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey.")) from None


def survey_attach_to_round(*, round_, kind: str) -> Survey:
    """A round template (Edmondson, course/coordination/commitment) for the round's groups."""
    survey, _created = Survey.objects.get_or_create(kind=kind, round=round_)
    return survey


def held_meetings(group) -> int:
    return (
        Meeting.objects.filter(group=group, cancelled_at__isnull=True, attendance__isnull=False)
        .distinct()
        .count()
    )


@transaction.atomic
def concept_survey_open_if_due(group) -> Survey | None:
    """When a group has held its 6th meeting, the concept survey opens for its members."""
    if held_meetings(group) < CONCEPT_AFTER_MEETINGS:
        return None
    survey, created = Survey.objects.get_or_create(kind=CONCEPT.key, group=group, round=None)
    if created:
        with sending_together():
            for member in group.current_members():
                queue_message(
                    recipient=member,
                    kind=CONCEPT_SURVEY.key,
                    about=survey,
                    context={"group": group},
                    url=reverse("room:survey", args=[survey.pk]),
                )
    return survey


def log_access(user: Leader, what: str, **about) -> None:
    AccessLog.objects.create(who=user, what=what, **about)


def comment_days_default() -> int:
    return settings.SUMMARY_COMMENT_DAYS


# --- the daily round's step ---------------------------------------------------------------------

# Long enough for the last summary reminder (SUMMARY_REMINDER_DAYS) of a meeting a round missed.
FOLLOW_UP_WINDOW_DAYS = 45


def room_daily(*, today: datetime.date) -> dict[str, int]:
    """What the room does each day: follow-ups for the meetings that have been held, and the
    concept survey for every group that has held its 6th meeting. Safe to run twice."""
    held = Meeting.objects.filter(
        group__isnull=False,
        cancelled_at__isnull=True,
        round__published_at__isnull=False,
        day__lte=today,
        day__gt=today - datetime.timedelta(days=FOLLOW_UP_WINDOW_DAYS),
    ).select_related("group", "host", "round")
    with sending_together():
        for meeting in held:
            follow_up_queue(meeting)
    opened = 0
    from groups.models import Group

    due = (
        Group.objects.annotate(
            held=Count(
                "meetings",
                filter=Q(meetings__cancelled_at__isnull=True, meetings__attendance__isnull=False),
                distinct=True,
            )
        )
        .filter(held__gte=CONCEPT_AFTER_MEETINGS)
        .exclude(surveys__kind=CONCEPT.key, surveys__round__isnull=True)
    )
    for group in due:
        opened += concept_survey_open_if_due(group) is not None
    return {"follow_ups": len(held), "concept_surveys": opened}


# --- personal data with an end ------------------------------------------------------------------


@transaction.atomic
def room_records_purge(*, today: datetime.date) -> dict[str, int]:
    """The daily round's step: the access log after RETENTION["ACCESS_LOG_YEARS"]; summaries,
    feedback, evaluations and survey results RETENTION["MEETING_RECORD_YEARS"] after the meeting.

    Attendance, the meetings themselves and the survey rows stay (a group's survey is opened
    once, and the concept survey must not open again).
    """
    from nyborg_ledelse.organisation.retention import add_years, removed_before

    log_until = add_years(today, -settings.RETENTION["ACCESS_LOG_YEARS"])
    log, _d = AccessLog.objects.filter(at__lt=removed_before(log_until)).delete()
    until = add_years(today, -settings.RETENTION["MEETING_RECORD_YEARS"])
    old = Meeting.objects.filter(day__lte=until)
    counts = {"access_log": log}
    for name, model in (
        ("summaries", Summary),
        ("feedback", Feedback),
        ("agreed_mentions", AgreedMention),
        ("evaluations", EvaluationAnswer),
        ("evaluation_receipts", EvaluationReceipt),
    ):
        counts[name], _d = model.objects.filter(meeting__in=old).delete()
    # A round's survey belongs to its week; the concept survey to the day it opened.
    surveys = Survey.objects.filter(
        Q(round__isnull=False, round__week_start__lte=until - datetime.timedelta(days=6))
        | Q(round__isnull=True, opened_at__lt=removed_before(until))
    )
    counts["survey_responses"], _d = SurveyResponse.objects.filter(survey__in=surveys).delete()
    SurveyReceipt.objects.filter(survey__in=surveys).delete()
    return counts
