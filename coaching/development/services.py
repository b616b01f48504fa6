"""Writes for leader development: each service does the whole step in one transaction and
queues its messages through the outbox."""

import datetime
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.models import Message, State
from nyborg_ledelse.notifications.services import queue_message
from nyborg_ledelse.organisation.models import Leader, Role

from .models import (
    INTRODUCTION_WINDOW_AHEAD,
    INTRODUCTION_WINDOW_BACK,
    Agreement,
    Comment,
    Evaluation,
    FoundationText,
    FoundationVersion,
    Goal,
    Item,
    PersonalFoundation,
    Preparation,
    Programme,
    Talk,
    TalkQuestion,
    TemplateItem,
)
from .notifications import INTRODUCTION_ITEM_DUE, INTRODUCTION_TO_PLAN, TALK_BOOKED

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
# The manager hears of an item two working mornings before its date.
REMIND_DAYS_BEFORE = 2
REMIND_HOUR = 8


def _reminder_time(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day - datetime.timedelta(days=REMIND_DAYS_BEFORE), datetime.time(REMIND_HOUR), COPENHAGEN
    )


def _remind_manager(item: Item) -> None:
    """Exactly one pending reminder per open, dated item, to whoever manages the leader now.

    A reminder that is still right is kept (so saving an unchanged item changes nothing); one for
    another date or manager is cancelled and a new one queued. The version counts the item's
    reminders, so going back to an earlier date queues afresh instead of finding the cancelled one.
    """
    manager = item.programme.leader.reports_to
    wanted = None
    if not item.done_at and item.due_date is not None and manager is not None:
        wanted = (item.due_date.isoformat(), str(manager.pk))
    reminders = Message.objects.filter(
        kind=INTRODUCTION_ITEM_DUE.key,
        about_type=ContentType.objects.get_for_model(Item),
        about_id=item.pk,
    )
    # The key ends with the version "<date>:<manager>:<n>" (notifications.services.message_key).
    right = [
        m.pk
        for m in reminders.filter(state=State.PENDING)
        if tuple(m.idempotency_key.split(":")[-3:-1]) == wanted
    ]
    reminders.filter(state=State.PENDING).exclude(pk__in=right).update(
        state=State.CANCELLED, last_error="item changed"
    )
    if wanted is None or right:
        return
    queue_message(
        recipient=manager,
        kind=INTRODUCTION_ITEM_DUE.key,
        about=item,
        context={"item": item, "leader": item.programme.leader},
        url=reverse("development:introduction", args=[item.programme_id]),
        version=f"{wanted[0]}:{wanted[1]}:{reminders.count()}",
        due_at=_reminder_time(item.due_date),
    )


def _ask_manager_to_plan(programme: Programme) -> None:
    manager = programme.leader.reports_to
    if manager is None:
        return
    # Keyed by the manager, so the daily run tells a manager once, and a new manager too.
    queue_message(
        recipient=manager,
        kind=INTRODUCTION_TO_PLAN.key,
        about=programme,
        context={"leader": programme.leader, "start_date": programme.start_date},
        url=reverse("development:introduction", args=[programme.pk]),
        version=manager.pk,
    )


@transaction.atomic
def programme_create(*, leader: Leader) -> Programme:
    """The municipality's template becomes the new leader's checklist, dated from the start."""
    if leader.start_date is None:
        raise ValidationError(_("The leader has no start date."))
    programme, created = Programme.objects.get_or_create(
        leader=leader, defaults={"start_date": leader.start_date}
    )
    if not created:
        return programme
    for template_item in TemplateItem.objects.in_use():
        offset = template_item.days_after_start
        item = Item.objects.create(
            programme=programme,
            # The municipality's defaults are unsaved until HR changes the template.
            template_item=template_item if template_item.pk else None,
            title=template_item.title,
            description=template_item.description,
            link=template_item.link,
            position=template_item.position,
            due_date=(
                leader.start_date + datetime.timedelta(days=offset) if offset is not None else None
            ),
        )
        _remind_manager(item)
    _ask_manager_to_plan(programme)
    return programme


def development_daily(*, today: datetime.date) -> dict[str, int]:
    """The app's step in the daily round (nyborg_ledelse/organisation/daily.py)."""
    return {"introductions_started": introductions_start(day=today)}


@transaction.atomic
def introductions_start(*, day: datetime.date) -> int:
    """Give every leader who starts around `day` an introduction; safe to run again.

    Run by the daily round and after a register import, so an administrator's entry is picked
    up too.
    """
    starters = (
        Leader.objects.filter(
            is_active=True,
            role=Role.LEADER,
            start_date__gte=day - INTRODUCTION_WINDOW_BACK,
            start_date__lte=day + INTRODUCTION_WINDOW_AHEAD,
            introduction__isnull=True,
        )
        .exclude(
            # HR and IT accounts without staff are not leaders (they had roles of their own before).
            Q(works_in_hr=True) | Q(administers_product=True),
            has_staff_responsibility=False,
        )
        .select_related("reports_to")
    )
    created = 0
    for leader in starters:
        programme_create(leader=leader)
        created += 1
    # A manager set after the programme was made (or a new manager) is told as well.
    for programme in Programme.objects.filter(
        start_date__gte=day - INTRODUCTION_WINDOW_BACK
    ).select_related("leader__reports_to"):
        _ask_manager_to_plan(programme)
    return created


@transaction.atomic
def item_add(
    *,
    programme: Programme,
    title: str,
    description: str = "",
    due_date: datetime.date | None = None,
) -> Item:
    item = Item(programme=programme, title=title, description=description, due_date=due_date)
    item.position = programme.items.count() + 100
    item.full_clean()
    item.save()
    _remind_manager(item)
    return item


@transaction.atomic
def item_update(
    *, item: Item, title: str, description: str, due_date: datetime.date | None
) -> Item:
    item.title, item.description, item.due_date = title, description, due_date
    item.full_clean()
    item.save(update_fields=["title", "description", "due_date"])
    _remind_manager(item)
    return item


@transaction.atomic
def item_mark(*, item: Item, by: Leader, done: bool) -> Item:
    """Tick or untick an item; the leader and the manager both may. A repeated click is no-op."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    if done == (item.done_at is not None):
        return item
    item.done_at, item.done_by = (timezone.now(), by) if done else (None, None)
    item.save(update_fields=["done_at", "done_by"])
    _remind_manager(item)
    return item


@transaction.atomic
def item_comment(*, item: Item, by: Leader, text: str) -> Comment:
    comment = Comment(item=item, author=by, text=text.strip())
    if not comment.text:
        raise ValidationError(_("Write a comment first."))
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def foundation_save(
    *, leader: Leader, text: str, share_with_manager: bool, share_with_group: bool
) -> PersonalFoundation:
    """Keep the sharing choice; a changed text becomes a new version, the old ones stay."""
    foundation, _created = PersonalFoundation.objects.select_for_update().get_or_create(
        leader=leader
    )
    foundation.share_with_manager = share_with_manager
    foundation.share_with_group = share_with_group
    foundation.save(update_fields=["share_with_manager", "share_with_group"])
    current = foundation.current()
    text = text.strip()
    if text and (current is None or current.text != text):
        FoundationVersion.objects.create(
            foundation=foundation, number=(current.number if current else 0) + 1, text=text
        )
    return foundation


@transaction.atomic
def talk_book(
    *, leader: Leader, manager: Leader, booked_for: datetime.datetime, place: str = ""
) -> Talk:
    """Book the year's talk and give the leader the questions to prepare."""
    year = timezone.localtime(booked_for).year
    if Talk.objects.filter(leader=leader, year=year).exists():
        raise ValidationError(
            _("%(name)s already has a development talk in %(year)s.")
            % {"name": leader.full_name, "year": year}
        )
    talk = Talk(leader=leader, manager=manager, year=year, booked_for=booked_for, place=place)
    talk.full_clean()
    talk.save()
    Preparation.objects.bulk_create(
        Preparation(talk=talk, question=q.text, position=q.position)
        for q in TalkQuestion.objects.in_use()
    )
    queue_message(
        recipient=leader,
        kind=TALK_BOOKED.key,
        about=talk,
        context={"talk": talk, "manager": manager},
        url=reverse("development:talk", args=[talk.pk]),
        version=booked_for.isoformat(),
    )
    return talk


@transaction.atomic
def talk_prepare(*, talk: Talk, answers: dict[int, str]) -> None:
    for row in talk.preparation.all():
        if row.pk in answers and answers[row.pk] != row.answer:
            row.answer = answers[row.pk]
            row.save(update_fields=["answer"])


@transaction.atomic
def talk_mark_held(*, talk: Talk, held_on: datetime.date) -> Talk:
    talk.held_on = held_on
    talk.full_clean()
    talk.save(update_fields=["held_on"])
    return talk


@transaction.atomic
def goal_add(
    *,
    talk: Talk | None = None,
    evaluation: Evaluation | None = None,
    text: str,
    offer: str = "",
) -> Goal:
    source = talk or evaluation
    goal = Goal(leader=source.leader, talk=talk, evaluation=evaluation, text=text, offer=offer)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def evaluation_record(*, leader: Leader, manager: Leader, held_on: datetime.date) -> Evaluation:
    evaluation = Evaluation(leader=leader, manager=manager, held_on=held_on)
    evaluation.full_clean()
    evaluation.save()
    return evaluation


@transaction.atomic
def agreement_save(*, agreement: Agreement) -> Agreement:
    """Create or change an education agreement (the form holds the fields)."""
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def hr_text_save(
    *, text: TemplateItem | FoundationText | TalkQuestion, default: int | None = None
) -> TemplateItem | FoundationText | TalkQuestion:
    """One of HR's texts for everyone: a template item, a foundation section, a LUS question.

    The template and the questions are shown from the municipality's defaults until HR changes
    them; the first change stores the defaults with it, so the list HR saw stays whole. `default`
    is the number (from 1) of the default that `text` is an edited copy of; it is stored in its
    place."""
    text.full_clean()
    model = type(text)
    if hasattr(model.objects, "listed") and not model.objects.exists():
        model.objects.bulk_create(
            row for number, row in enumerate(model.objects.listed(), start=1) if number != default
        )
    text.save()
    return text
