"""Who may do what in the topic bank: every user may read and propose, the chef group decides."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import State, Topic, TopicFile


def require_chef_group(user) -> None:
    if not user.is_chef_group:
        raise PermissionDenied


def get_topic_for_user(user, pk: int, *, write: bool = False) -> Topic:
    topic = get_object_or_404(Topic.objects.select_related("proposed_by"), pk=pk)
    if write and not may_edit(user, topic):
        raise PermissionDenied
    return topic


def may_edit(user, topic: Topic) -> bool:
    """The proposer until the chef group has picked the topic up; the chef group always."""
    own_and_open = topic.proposed_by_id == user.pk and topic.state == State.PROPOSED
    return own_and_open or user.is_chef_group


def get_topic_file_for_user(user, topic_pk: int, file_pk: int) -> TopicFile:
    topic = get_topic_for_user(user, topic_pk)
    return get_object_or_404(TopicFile, pk=file_pk, topic=topic)
