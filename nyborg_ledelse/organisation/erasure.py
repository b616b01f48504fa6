"""Removing the personal details of a leader who has left: after the retention period by the
daily round, or ahead of time by an administrator after a preview.

The row stays, shown as "former leader", so the groups' history, attendance and the accounts still
add up; what identifies or describes the person is removed. Each erasure is recorded (Erasure).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Erasure, Leader
from .retention import add_months

logger = logging.getLogger(__name__)


@dataclass
class Part:
    label: str | Promise
    count: int
    why: str | Promise = ""


@dataclass
class ErasurePreview:
    leader: Leader
    removed: list[Part] = field(default_factory=list)
    kept: list[Part] = field(default_factory=list)
    refusal: str = ""

    @property
    def allowed(self) -> bool:
        return not self.refusal


def _querysets(leader: Leader) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    from coaching.development.models import (
        Agreement,
        Comment,
        Evaluation,
        FoundationVersion,
        Goal,
        Item,
        PersonalFoundation,
        Preparation,
        Programme,
        Talk,
    )
    from coaching.models import (
        Approval,
        Booking,
        PoolApplication,
        PsychologistBooking,
        RecordRead,
        SparringRequest,
        Volunteer,
    )
    from groups.models import ContractVersion, Membership
    from meetings.models import Apology, Attendance, CalendarFeed
    from meetings.room.models import (
        EvaluationReceipt,
        ExerciseReceipt,
        SummaryComment,
        SurveyReceipt,
    )
    from nyborg_ledelse.notifications.models import Message, Preference
    from topicbank.models import Support, Topic

    return {
        "email_addresses": EmailAddress.objects.filter(user=leader),
        "social_accounts": SocialAccount.objects.filter(user=leader),
        "calendar_feed": CalendarFeed.objects.filter(leader=leader),
        "preferences": Preference.objects.filter(user=leader),
        "messages": Message.objects.filter(recipient=leader),
        "apologies": Apology.objects.filter(leader=leader),
        "sparring_requests": SparringRequest.objects.filter(leader=leader),
        "volunteer": Volunteer.objects.filter(leader=leader),
        "reads": RecordRead.objects.filter(subject=leader),
        "memberships": Membership.objects.filter(leader=leader),
        "attendance": Attendance.objects.filter(leader=leader),
        "topics": Topic.objects.filter(proposed_by=leader),
        "supports": Support.objects.filter(leader=leader),
        "comments": SummaryComment.objects.filter(author=leader),
        "contracts": ContractVersion.objects.filter(author=leader),
        "receipts": EvaluationReceipt.objects.filter(leader=leader).count()
        + SurveyReceipt.objects.filter(leader=leader).count()
        + ExerciseReceipt.objects.filter(leader=leader).count(),
        # Leader development: the person's own records go; the dates HR counts stay.
        "programme": Programme.objects.filter(leader=leader),
        "programme_items": Item.objects.filter(programme__leader=leader),
        "programme_comments": Comment.objects.filter(item__programme__leader=leader),
        "foundation": PersonalFoundation.objects.filter(leader=leader),
        "foundation_versions": FoundationVersion.objects.filter(foundation__leader=leader),
        "preparation": Preparation.objects.filter(talk__leader=leader),
        "goals": Goal.objects.filter(leader=leader),
        "agreements": Agreement.objects.filter(leader=leader),
        "talks": Talk.objects.filter(leader=leader),
        "evaluations": Evaluation.objects.filter(leader=leader),
        "comments_on_others": Comment.objects.filter(author=leader).exclude(
            item__programme__leader=leader
        ),
        "support": Booking.objects.filter(leader=leader).count()
        + PsychologistBooking.objects.filter(leader=leader).count()
        + Approval.objects.filter(leader=leader).count()
        + PoolApplication.objects.filter(applicant=leader).count(),
    }


def _count(value) -> int:
    return value if isinstance(value, int) else value.count()


def leader_erasure_preview(leader: Leader, *, today: datetime.date | None = None) -> ErasurePreview:
    """What erasing the leader now would remove, and what is kept and why."""
    today = today or timezone.localdate()
    preview = ErasurePreview(leader=leader)
    if leader.anonymised_at:
        preview.refusal = _("This person's details have already been removed.")
    elif not leader.has_left(today):
        preview.refusal = _(
            "Only a person who has left can be erased: their end date must have passed."
        )
    q = _querysets(leader)
    preview.removed = [
        Part(gettext_lazy("Name, e-mail address, job title, workplace and line manager"), 1),
        Part(
            gettext_lazy("Login: password, e-mail addresses and Microsoft account links"),
            1 + _count(q["email_addresses"]) + _count(q["social_accounts"]),
        ),
        Part(gettext_lazy("Private calendar address"), _count(q["calendar_feed"])),
        Part(gettext_lazy("Message settings"), _count(q["preferences"])),
        Part(
            gettext_lazy("Texts and calendar files of messages sent to the person"),
            _count(q["messages"]),
        ),
        Part(gettext_lazy("Reasons given with apologies"), _count(q["apologies"])),
        Part(
            gettext_lazy("Sparring requests' wishes and the volunteer profile"),
            _count(q["sparring_requests"]) + _count(q["volunteer"]),
        ),
        Part(gettext_lazy("The log of others reading the person's records"), _count(q["reads"])),
        Part(
            gettext_lazy("Introduction programme with its items and comments"),
            _count(q["programme"]) + _count(q["programme_items"]) + _count(q["programme_comments"]),
        ),
        Part(
            gettext_lazy("Personal leadership foundation, all its versions and its sharing"),
            _count(q["foundation"]) + _count(q["foundation_versions"]),
        ),
        Part(
            gettext_lazy("Preparation for development talks and agreed development goals"),
            _count(q["preparation"]) + _count(q["goals"]),
        ),
        Part(
            gettext_lazy("Education agreements' module, provider and financing"),
            _count(q["agreements"]),
        ),
    ]
    former = gettext_lazy("Kept under 'former leader' so the groups' history still adds up.")
    preview.kept = [
        Part(gettext_lazy("Group memberships and their history"), _count(q["memberships"]), former),
        Part(gettext_lazy("Attendance at meetings"), _count(q["attendance"]), former),
        Part(
            gettext_lazy("Topics, supports, contract versions and comments"),
            _count(q["topics"])
            + _count(q["supports"])
            + _count(q["contracts"])
            + _count(q["comments"]),
            gettext_lazy("They belong to the groups and the topic bank; shown as 'former leader'."),
        ),
        Part(
            gettext_lazy(
                "Dates of development talks and leader evaluations; education agreements' "
                "kind, ECTS and status"
            ),
            _count(q["talks"]) + _count(q["evaluations"]) + _count(q["agreements"]),
            gettext_lazy(
                "HR's figures for all leaders together are counted from them; kept under "
                "'former leader' without any text."
            ),
        ),
        Part(
            gettext_lazy("Comments on other leaders' introduction items"),
            _count(q["comments_on_others"]),
            gettext_lazy("They belong to the other leader's programme; shown as 'former leader'."),
        ),
        Part(
            gettext_lazy("That the person answered evaluations, surveys and exercises"),
            _count(q["receipts"]),
            gettext_lazy("The answers themselves were never linked to anyone."),
        ),
        Part(
            gettext_lazy("Coaching, psychologist and pool records"),
            _count(q["support"]),
            gettext_lazy(
                "The accounting act requires them for 5 full financial years; then they are "
                "kept without names."
            ),
        ),
        Part(
            gettext_lazy("Message records (recipient, kind, subject, time)"),
            _count(q["messages"]),
            gettext_lazy("The record that a message was sent, without its content."),
        ),
    ]
    return preview


@transaction.atomic
def leader_anonymise(*, leader: Leader, why: str, by: Leader | None = None) -> Erasure:
    """Remove what identifies or describes the person; keep the row as "former leader"."""
    leader = Leader.objects.select_for_update().get(pk=leader.pk)
    if leader.anonymised_at:
        return leader.erasure
    preview = leader_erasure_preview(leader)
    q = _querysets(leader)
    address = f"former-leader-{leader.pk}@anonymised.invalid"
    q["email_addresses"].delete()
    q["social_accounts"].delete()
    q["calendar_feed"].delete()
    q["preferences"].delete()
    q["messages"].update(to_email=address, body_text="", body_html="", attachments=[])
    q["apologies"].update(reason="")
    q["sparring_requests"].update(wishes="")
    q["volunteer"].update(experience="", areas="", active=False)
    q["reads"].delete()
    q["programme"].delete()  # with its items and their comments
    q["foundation"].delete()  # with its versions
    q["preparation"].delete()
    q["goals"].delete()
    q["agreements"].update(title="", provider="", financing="")
    q["talks"].update(place="")
    leader.first_name = leader.last_name = leader.job_title = leader.workplace = ""
    leader.email = address
    leader.reports_to = None
    leader.is_active = leader.is_staff = leader.is_superuser = False
    leader.set_unusable_password()
    leader.anonymised_at = timezone.now()
    leader.save()
    leader.groups.clear()
    leader.user_permissions.clear()
    erasure = Erasure.objects.create(
        leader=leader,
        why=why,
        by=by,
        removed={str(part.label): part.count for part in preview.removed},
    )
    logger.info("personal details of leader %s removed (%s, by %s)", leader.pk, why, by and by.pk)
    return erasure


def leader_erase(*, leader: Leader, by: Leader) -> Erasure:
    """An administrator erases a person who has left, ahead of the retention period."""
    preview = leader_erasure_preview(leader)
    if not preview.allowed:
        raise ValidationError(preview.refusal)
    return leader_anonymise(leader=leader, why=Erasure.Why.EARLY, by=by)


def leavers_anonymise(*, today: datetime.date) -> dict[str, int]:
    """The daily round's step: leaders whose end date is RETENTION["LEAVER_MONTHS"] behind."""
    limit = add_months(today, -settings.RETENTION["LEAVER_MONTHS"])
    due = Leader.objects.filter(anonymised_at__isnull=True, end_date__lte=limit)
    count = 0
    for leader in due:
        leader_anonymise(leader=leader, why=Erasure.Why.RETENTION)
        count += 1
    return {"leavers_anonymised": count}
