"""What the topic bank asks of the chef group: the proposals it has not yet taken a stand on."""

import datetime

from django.urls import reverse
from django.utils.translation import ngettext

from nyborg_ledelse.organisation.frontpage import Kind, Task

from .models import State, Topic


def tasks(user, today: datetime.date) -> list[Task]:
    if not user.is_chef_group:
        return []
    proposed = Topic.objects.filter(state=State.PROPOSED).count()
    if not proposed:
        return []
    return [
        Task(
            kind=Kind.CHEF_GROUP,
            title=ngettext(
                "%(count)d proposed topic waits for the chef group",
                "%(count)d proposed topics wait for the chef group",
                proposed,
            )
            % {"count": proposed},
            url=f"{reverse('topicbank:list')}?state={State.PROPOSED}",
        )
    ]
