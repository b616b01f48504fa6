"""Writes to the topic bank."""

import difflib
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from nyborg_ledelse.notifications.services import queue_message, sending_together

from .models import NEEDS_ROUND, State, Support, Topic, TopicEvent, TopicFile, TopicLink
from .notifications import TOPIC_CHANGED

# Proposers and supporters hear about these changes.
ANNOUNCED = {State.PLANNED, State.DISCUSSED, State.DECLINED}
SIMILARITY = 0.6


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def similar_topics(*, title: str, exclude: Topic | None = None, limit: int = 5) -> list[Topic]:
    """Existing topics whose titles read almost the same: a warning before a near-duplicate."""
    wanted = _words(title)
    candidates = Topic.objects.exclude(state__in=[State.DECLINED, State.ARCHIVED])
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    scored = []
    for topic in candidates.only("pk", "title", "state"):
        ratio = difflib.SequenceMatcher(None, wanted, _words(topic.title)).ratio()
        if ratio >= SIMILARITY:
            scored.append((ratio, topic))
    return [topic for _ratio, topic in sorted(scored, key=lambda pair: -pair[0])[:limit]]


@transaction.atomic
def topic_save(*, topic: Topic, by, links: list[str], file=None, tags=()) -> Topic:
    """Create or update a topic with its materials, all or nothing."""
    if topic.pk is None:
        topic.proposed_by = by
    topic.full_clean()
    topic.save()
    topic.tags.set(tags)
    for url in links:
        TopicLink.objects.get_or_create(topic=topic, url=url)
    if file is not None:
        TopicFile.objects.create(topic=topic, file=file)
    return topic


@transaction.atomic
def topic_support_toggle(*, topic: Topic, leader) -> bool:
    """Support a topic, or take the support back; True when the leader now supports it."""
    deleted, _per_model = Support.objects.filter(topic=topic, leader=leader).delete()
    if deleted:
        return False
    Support.objects.get_or_create(topic=topic, leader=leader)
    return True


@transaction.atomic
def topic_move(*, topic: Topic, by, to_state: str, round_=None, reason: str = "") -> Topic:
    if not by.is_chef_group:
        raise PermissionDenied
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if not topic.may_move_to(to_state):
        raise ValidationError(
            _("A topic that is '%(from)s' cannot become '%(to)s'.")
            % {"from": State(topic.state).label, "to": State(to_state).label}
        )
    if to_state == State.DECLINED and not reason.strip():
        raise ValidationError(_("Give the proposer a reason when you decline a topic."))
    if to_state in NEEDS_ROUND and round_ is None:
        raise ValidationError(_("Choose the round the topic is planned for or was discussed in."))
    event = TopicEvent.objects.create(
        topic=topic,
        from_state=topic.state,
        to_state=to_state,
        round=round_ if to_state in NEEDS_ROUND else None,
        reason=reason.strip(),
        by=by,
    )
    topic.state = to_state
    topic.decline_reason = reason.strip() if to_state == State.DECLINED else ""
    topic.save(update_fields=["state", "decline_reason"])
    if to_state in ANNOUNCED:
        _tell_proposer_and_supporters(topic, event)
    return topic


def _tell_proposer_and_supporters(topic: Topic, event: TopicEvent) -> None:
    supporters = [support.leader for support in topic.supports.select_related("leader")]
    recipients = {person.pk: person for person in [topic.proposed_by, *supporters]}
    with sending_together():
        for person in recipients.values():
            queue_message(
                recipient=person,
                kind=TOPIC_CHANGED.key,
                about=topic,
                version=event.pk,
                url=reverse("topicbank:detail", args=[topic.pk]),
                context={
                    "topic": topic,
                    "event": event,
                    "state": State(event.to_state).label,
                    "is_proposer": person.pk == topic.proposed_by_id,
                    # Only the proposer hears the reason for declining their own topic.
                    "reason": event.reason if person.pk == topic.proposed_by_id else "",
                },
            )
