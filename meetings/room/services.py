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
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.models import Kind, Meeting, Round
from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.notifications.services import cancel_messages, queue_message, sending_together
from nyborg_ledelse.organisation.models import Leader

from .disclosure import evaluation_asked, evaluation_is_closed, survey_asked, survey_is_closed
from .models import (
    AccessLog,
    ChefGroupAnswer,
    Commitment,
    EvaluationAnswer,
    EvaluationReceipt,
    Exercise,
    Feedback,
    MentionAgreement,
    Summary,
    SummaryComment,
    Survey,
    SurveyReceipt,
    SurveyResponse,
)
from .namecheck import Finding, Person, find_people, sentence_around
from .notifications import (
    CHEF_ANSWER_PUBLISHED,
    CONCEPT_SURVEY,
    EVALUATION_NUDGE,
    FEEDBACK_RELEASED,
    FEEDBACK_REMINDER,
    MENTION_ANSWERED,
    MENTION_ASKED,
    REPORT_COMPLETE,
    SUMMARY_COMMENTED,
    SUMMARY_FOR_COMMENTS,
    SUMMARY_PUBLISHED,
    SUMMARY_REMINDER,
)
from .permissions import chef_answer_readers, may_answer_survey
from .reports import FEEDBACK_DEADLINE_DAYS, Report
from .reports import round_report as compiled_report
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


class CommentWindowOpen(ValidationError):
    """Publishing while the group may still comment: the host confirms, knowing who is silent."""

    def __init__(self, summary, silent: list):
        super().__init__(
            _("The group may comment on the draft until %(until)s.")
            % {"until": date_format(summary.comment_until, "j. F")}
        )
        self.summary, self.silent = summary, silent


class NamesFound(ValidationError):
    def __init__(self, findings: list[Finding]):
        super().__init__(
            _(
                "The text names or points out people. Rewrite each marked place, or ask the named "
                "person to agree to it."
            )
        )
        self.findings = findings


# --- the name check -------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One finding in a text: where it is, the sentence around it, and the person's answer."""

    number: int
    text_index: int
    finding: Finding
    sentence: str
    agreement: MentionAgreement | None = None

    @property
    def is_agreed(self) -> bool:
        return self.agreement is not None and self.agreement.is_agreed

    @property
    def points_to_a_user(self) -> bool:
        return self.finding.person_pk is not None


@dataclass(frozen=True)
class Segment:
    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class Checked:
    texts: list[list[Segment]]
    marks: list[Mark]

    @property
    def open_marks(self) -> list[Mark]:
        return [mark for mark in self.marks if not mark.is_agreed]


def _people(meeting: Meeting) -> tuple[list[Person], list[Person]]:
    register = [
        Person(first, last, pk)
        for pk, first, last in Leader.objects.values_list("pk", "first_name", "last_name")
    ]
    people = list(meeting.invited())
    if meeting.group and meeting.group.co_host:
        people.append(meeting.group.co_host)
    group = [Person(p.first_name, p.last_name, p.pk) for p in people]
    return register, group


def checked_texts(meeting: Meeting, document: str, texts: list[str]) -> Checked:
    """Each text cut into segments with every finding marked and numbered, and the named person's
    answer where they gave one for exactly this sentence."""
    register, group = _people(meeting)
    answers = {
        (a.person_id, a.sentence): a
        for a in meeting.mention_agreements.in_force()
        .filter(document=document)
        .select_related("person")
        .order_by("asked_at")
    }
    result, marks = [], []
    for index, text in enumerate(texts):
        segments, position = [], 0
        for finding in find_people(text, register=register, group=group):
            sentence = sentence_around(text, finding.start, finding.end)
            mark = Mark(
                len(marks) + 1,
                index,
                finding,
                sentence,
                answers.get((finding.person_pk, sentence)) if finding.person_pk else None,
            )
            marks.append(mark)
            segments.append(Segment(text[position : finding.start]))
            segments.append(Segment(finding.text, mark))
            position = finding.end
        segments.append(Segment(text[position:]))
        result.append(segments)
    return Checked(result, marks)


def open_findings(meeting: Meeting, document: str, texts: list[str]) -> list[Finding]:
    return [mark.finding for mark in checked_texts(meeting, document, texts).open_marks]


def _document_texts(meeting: Meeting, document: str) -> list[str]:
    model = {"summary": Summary, "feedback": Feedback}[document]
    record = model.objects.filter(meeting=meeting).first()
    if record is None:
        raise ValidationError(_("Write the text first."))
    if getattr(record, "is_published", False) or getattr(record, "is_released", False):
        raise ValidationError(_("The text is already shared and can no longer be changed."))
    return record.texts()


@transaction.atomic
def mention_ask(
    *, meeting: Meeting, document: str, text_index: int, start: int, by: Leader
) -> MentionAgreement:
    """Ask the person a finding points to whether its sentence may stay; only they can agree."""
    if document not in MentionAgreement.Document.values:
        raise ValidationError(_("Choose a marked place."))
    checked = checked_texts(meeting, document, _document_texts(meeting, document))
    mark = next(
        (m for m in checked.marks if m.text_index == text_index and m.finding.start == start),
        None,
    )
    if mark is None:
        raise ValidationError(_("The marked place is no longer in the text."))
    if not mark.points_to_a_user:
        raise ValidationError(
            _(
                "This place points to no one who can be asked (a role or an unknown name): rewrite it."
            )
        )
    if mark.agreement is not None:
        if mark.agreement.status == MentionAgreement.Status.DECLINED:
            raise ValidationError(_("The person declined this sentence: rewrite it."))
        return mark.agreement
    person = Leader.objects.get(pk=mark.finding.person_pk)
    agreement = MentionAgreement(
        meeting=meeting,
        document=document,
        text=mark.finding.text[:200],
        sentence=mark.sentence,
        person=person,
        asked_by=by,
    )
    agreement.full_clean()
    agreement.save()
    queue_message(
        recipient=person,
        kind=MENTION_ASKED.key,
        about=agreement,
        context={"meeting": meeting, "host": by},
        url=reverse("room:mention", args=[agreement.pk]),
    )
    return agreement


@transaction.atomic
def mention_answer(*, agreement: MentionAgreement, by: Leader, agree: bool) -> MentionAgreement:
    """The named person agrees or declines; the host is told either way."""
    agreement = MentionAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.person_id != by.pk:
        raise ValidationError(_("Only the named person can answer."))
    if agreement.status == MentionAgreement.Status.VOID:
        raise ValidationError(
            _("The sentence has been changed since you were asked; there is nothing to answer.")
        )
    if agreement.status != MentionAgreement.Status.ASKED:
        raise ValidationError(_("You have already answered."))
    agreement.status = MentionAgreement.Status.AGREED if agree else MentionAgreement.Status.DECLINED
    agreement.answered_at = timezone.now()
    agreement.save(update_fields=["status", "answered_at"])
    queue_message(
        recipient=agreement.asked_by,
        kind=MENTION_ANSWERED.key,
        about=agreement,
        version=agreement.status,
        context={
            "meeting": agreement.meeting,
            "person": by,
            "agreed": agree,
            "sentence": agreement.sentence,
        },
        url=agreement.meeting.get_absolute_url() + f"{agreement.document}/",
    )
    return agreement


def _void_changed_sentences(meeting: Meeting, document: str, texts: list[str]) -> None:
    """A sentence that no longer stands in the text word for word takes its answer with it."""
    for agreement in meeting.mention_agreements.in_force().filter(document=document):
        if not any(agreement.sentence in text for text in texts):
            agreement.status = MentionAgreement.Status.VOID
            agreement.save(update_fields=["status"])


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


@dataclass(frozen=True)
class CommitmentDraft:
    """One row of the summary's "what we will do": a new one (pk None) or one of its own."""

    text: str
    due_meeting: Meeting | None = None
    pk: int | None = None


@dataclass(frozen=True)
class FollowUp:
    """What became of a commitment from an earlier meeting; no outcome leaves it open."""

    commitment: Commitment
    outcome: str
    note: str = ""


@transaction.atomic
def summary_save(
    *,
    meeting: Meeting,
    by: Leader,
    version: int | None,
    commitments: list[CommitmentDraft] = (),
    follow_ups: list[FollowUp] = (),
    **fields,
) -> Summary:
    summary = getattr(meeting, "summary", None)
    if summary is not None and summary.is_published:
        raise ValidationError(_("The summary is published and can no longer be changed."))
    summary = _save_versioned(Summary, meeting, version=version, by=by, fields=fields)
    _commitments_save(summary, commitments)
    _follow_ups_save(summary, follow_ups)
    _void_changed_sentences(meeting, "summary", summary.texts())
    return summary


def later_meetings(meeting: Meeting):
    """The group's meetings a commitment can be due at."""
    return Meeting.objects.filter(
        group=meeting.group, day__gt=meeting.day, cancelled_at__isnull=True
    ).select_related("round")


def _commitments_save(summary: Summary, drafts: list[CommitmentDraft]) -> None:
    """The summary's own commitments become exactly the drafts with a text, in their order."""
    own = {c.pk: c for c in summary.commitments.all()}
    allowed_due = set(later_meetings(summary.meeting).values_list("pk", flat=True))
    kept = set()
    for position, draft in enumerate(d for d in drafts if d.text.strip()):
        due = (
            draft.due_meeting if draft.due_meeting and draft.due_meeting.pk in allowed_due else None
        )
        commitment = own.get(draft.pk) or Commitment(summary=summary)
        commitment.text, commitment.due_meeting, commitment.position = (
            draft.text.strip(),
            due,
            position,
        )
        commitment.save()
        kept.add(commitment.pk)
    summary.commitments.exclude(pk__in=kept).delete()


def _follow_ups_save(summary: Summary, follow_ups: list[FollowUp]) -> None:
    """Record at this meeting what became of earlier commitments; a continued one is written
    again in this summary, so it comes up at the following meeting."""
    allowed = set(Commitment.objects.to_follow_up_at(summary.meeting).values_list("pk", flat=True))
    for follow_up in follow_ups:
        commitment = follow_up.commitment
        if commitment.pk not in allowed or follow_up.outcome not in ("", *Commitment.Outcome):
            raise ValidationError(_("The commitment is not one this meeting follows up."))
        commitment.outcome = follow_up.outcome
        commitment.outcome_note = follow_up.note.strip() if follow_up.outcome else ""
        commitment.followed_up_in = summary if follow_up.outcome else None
        commitment.save(update_fields=["outcome", "outcome_note", "followed_up_in"])
        carried = summary.commitments.filter(carried_from=commitment)
        if follow_up.outcome == Commitment.Outcome.CONTINUED and not carried.exists():
            Commitment.objects.create(
                summary=summary,
                text=commitment.text,
                carried_from=commitment,
                position=summary.commitments.count(),
            )
        elif follow_up.outcome != Commitment.Outcome.CONTINUED:
            carried.delete()


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
    comment = SummaryComment.objects.create(summary=summary, author=author, text=text.strip())
    hosts = meeting.group.hosts_on(meeting.day).exclude(leader=author).select_related("leader")
    for hosting in hosts:
        # The preference decides: at once, in tomorrow morning's digest, or not at all.
        queue_message(
            recipient=hosting.leader,
            kind=SUMMARY_COMMENTED.key,
            about=comment,
            context={"meeting": meeting, "author": author, "until": summary.comment_until},
            url=meeting.get_absolute_url() + "summary/",
        )
    return comment


def not_commented(summary: Summary) -> list[Leader]:
    """The group's members on the day who have not commented on the draft yet."""
    meeting = summary.meeting
    commented = set(summary.comments.values_list("author_id", flat=True))
    members = meeting.group.members_on(meeting.day)
    return sorted((m for m in members if m.pk not in commented), key=lambda m: m.full_name)


@transaction.atomic
def summary_publish(*, meeting: Meeting, by: Leader, confirmed: bool = False) -> Summary:
    summary = _locked(Summary, meeting, _("Write the summary first."))
    if summary.is_published:
        raise ValidationError(_("The summary is already published."))
    window_open = (
        summary.status == Summary.Status.COMMENTING
        and timezone.localdate() <= summary.comment_until
    )
    if window_open and not confirmed:
        raise CommentWindowOpen(summary, not_commented(summary))
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


@transaction.atomic
def feedback_save(*, meeting: Meeting, by: Leader, version: int | None, **fields) -> Feedback:
    feedback = getattr(meeting, "feedback", None)
    if feedback is not None and feedback.is_released:
        raise ValidationError(_("The feedback is released and can no longer be changed."))
    feedback = _save_versioned(Feedback, meeting, version=version, by=by, fields=fields)
    _void_changed_sentences(meeting, "feedback", feedback.texts())
    return feedback


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
    report = compiled_report(meeting.round)
    with sending_together():
        for person in Leader.objects.chef_group().exclude(pk=by.pk):
            queue_message(
                recipient=person,
                kind=FEEDBACK_RELEASED.key,
                about=feedback,
                context={
                    "meeting": meeting,
                    "released": len(report.released),
                    "groups": len(report.groups),
                },
                url=reverse("room:report", args=[meeting.round_id]),
            )
    report_complete_notify(round_=meeting.round, today=timezone.localdate(), report=report)
    return feedback


# --- the chef group's loop: the report complete, the chef group's answer ----------------------


def report_complete_notify(
    *, round_: Round, today: datetime.date, report: Report | None = None
) -> bool:
    """Tell the chef group, once, that the round's report is complete: every group released, or
    the groups' deadline passed. True when it is complete."""
    report = report or compiled_report(round_)
    begun = bool(round_.day_dates) and round_.day_dates[0] <= today
    if not report.groups or not begun or not report.is_complete(today):
        return False
    with sending_together():
        for person in Leader.objects.chef_group():
            queue_message(
                recipient=person,
                kind=REPORT_COMPLETE.key,
                about=round_,
                version="complete",
                context={
                    "round": round_,
                    "released": len(report.released),
                    "groups": len(report.groups),
                    "all_released": len(report.released) == len(report.groups),
                    "deadline": report.deadline,
                },
                url=reverse("room:report", args=[round_.pk]),
            )
    return True


# A round whose deadline passed longer ago than this is not announced late (after a missed day
# the round still catches up; a newly installed system does not announce last year's rounds).
REPORT_NOTICE_WINDOW_DAYS = 14


def reports_complete_daily(*, today: datetime.date) -> dict[str, int]:
    """The daily round's step: a report whose deadline passed today is complete with what came."""
    earliest = today - datetime.timedelta(
        days=FEEDBACK_DEADLINE_DAYS + REPORT_NOTICE_WINDOW_DAYS + 7
    )
    rounds = Round.objects.published().filter(
        kind=Kind.GROUPS, week_start__gte=earliest, week_start__lte=today
    )
    return {"complete_reports": sum(report_complete_notify(round_=r, today=today) for r in rounds)}


@transaction.atomic
def chef_answer_save(
    *, round_: Round, by: Leader, version: int | None, text: str, themes: dict[str, str]
) -> ChefGroupAnswer:
    """The chef group's draft; an editor who started from an older version is stopped."""
    answer = (
        ChefGroupAnswer.objects.select_for_update()
        .select_related("updated_by")
        .filter(round=round_)
        .first()
    )
    if answer is None:
        answer = ChefGroupAnswer(round=round_, text=text, themes=themes, updated_by=by)
        answer.full_clean()
        try:
            with transaction.atomic():
                answer.save()
        except IntegrityError:
            raise EditConflict(ChefGroupAnswer.objects.get(round=round_)) from None
        return answer
    if answer.is_published:
        raise ValidationError(_("The answer is published and can no longer be changed."))
    if version != answer.version:
        raise EditConflict(answer)
    answer.text, answer.themes = text, themes
    answer.version += 1
    answer.updated_by, answer.updated_at = by, timezone.now()
    answer.full_clean()
    answer.save()
    return answer


@transaction.atomic
def chef_answer_publish(*, round_: Round, by: Leader) -> ChefGroupAnswer:
    """Every leader is told, and reads the answer on the front page and at the next meeting."""
    answer = (
        ChefGroupAnswer.objects.select_for_update()
        .filter(round=round_)
        .prefetch_related("round__questions")
        .first()
    )
    if answer is None or not answer.sections():
        raise ValidationError(_("Write the answer first."))
    if answer.is_published:
        raise ValidationError(_("The answer is already published."))
    answer.published_at, answer.published_by = timezone.now(), by
    answer.save(update_fields=["published_at", "published_by"])
    with sending_together():
        for reader in chef_answer_readers():
            queue_message(
                recipient=reader,
                kind=CHEF_ANSWER_PUBLISHED.key,
                about=answer,
                context={"answer": answer},
                url=reverse("room:chef_answer", args=[round_.pk]),
            )
    return answer


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
    if leader.pk not in evaluation_asked(meeting):
        # Hosts and the chef group are not members: their view would be counted as the group's.
        raise ValidationError(_("Only the group's members evaluate its meeting."))
    if evaluation_is_closed(meeting):
        # Once results are shown they never change, so nobody learns an answer by comparing.
        raise ValidationError(_("The evaluation is closed."))
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
    asked = survey_asked(survey)
    if leader.pk not in asked:
        # Hosts and the chef group never answer as a group's member (see disclosure.py).
        raise ValidationError(_("Only the groups' members answer this survey."))
    if survey_is_closed(survey):
        raise ValidationError(_("The survey is closed."))
    group = asked[leader.pk]
    try:
        with transaction.atomic():
            SurveyReceipt.objects.create(survey=survey, leader=leader)
            SurveyResponse.objects.create(
                survey=survey, group=group, scores=scores, text=text.strip()
            )
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey.")) from None


def surveys_to_answer(user) -> list[Survey]:
    """Surveys the user may still answer: their group's concept survey, their rounds' templates."""
    from groups.models import Membership

    groups = Membership.objects.filter(leader=user).values("group")
    rounds = Meeting.objects.filter(group__in=groups).values("round")
    candidates = (
        Survey.objects.filter(Q(group__in=groups) | Q(round__in=rounds))
        .exclude(receipts__leader=user)
        .select_related("group", "round")
        .distinct()
    )
    return [s for s in candidates if may_answer_survey(user, s) and not survey_is_closed(s)]


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
    feedback, evaluations, survey results and the workshop's exercises
    RETENTION["MEETING_RECORD_YEARS"] after the meeting.

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
        ("mention_agreements", MentionAgreement),
        ("evaluations", EvaluationAnswer),
        ("evaluation_receipts", EvaluationReceipt),
        # The workshop's exercises, with their anonymous ratings and who answered.
        ("exercises", Exercise),
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
