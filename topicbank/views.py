from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import MoveForm, TopicFilterForm, TopicForm
from .models import State, Support, Topic, theme_balance
from .permissions import (
    get_topic_file_for_user,
    get_topic_for_user,
    may_edit,
    require_chef_group,
)
from .services import similar_topics, topic_move, topic_save, topic_support_toggle


@login_required
def topic_list(request):
    form = TopicFilterForm(request.GET or None)
    topics = Topic.objects.with_support().select_related("proposed_by").prefetch_related("tags")
    order = ["-support_count", "-created_at"]
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            topics = topics.search(data["q"])
        for field in ["state", "agenda_item", "theme"]:
            if data[field]:
                topics = topics.filter(**{field: data[field]})
        if data["tag"]:
            topics = topics.filter(tags=data["tag"])
        if data["sort"] == "new":
            order = ["-created_at"]
    page = Paginator(topics.order_by(*order), 20).get_page(request.GET.get("page"))
    return render(request, "topicbank/topic_list.html", {"form": form, "page": page})


@login_required
def topic_detail(request, pk: int):
    topic = get_topic_for_user(request.user, pk)
    context = {
        "topic": topic,
        "proposer": topic.proposer_shown_to(request.user),
        "support_count": topic.supports.count(),
        "supported": topic.supports.filter(leader=request.user).exists(),
        "may_edit": may_edit(request.user, topic),
        "move_form": MoveForm() if request.user.is_chef_group else None,
        "next_states": [s for s in State if s in topic.allowed_next_states()],
        "events": topic.events.select_related("by", "round"),
        "sees_reason": request.user.pk == topic.proposed_by_id or request.user.is_chef_group,
    }
    return render(request, "topicbank/topic_detail.html", context)


@login_required
def topic_propose(request):
    return _edit(request, Topic())


@login_required
def topic_edit(request, pk: int):
    return _edit(request, get_topic_for_user(request.user, pk, write=True))


def _edit(request, topic: Topic):
    form = TopicForm(request.POST or None, request.FILES or None, instance=topic)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        similar = similar_topics(title=data["title"], exclude=topic if topic.pk else None)
        if not similar or data["confirm_new"] or topic.pk:
            topic = topic_save(
                topic=form.save(commit=False),
                by=request.user,
                links=data["links"],
                file=data["file"],
                tags=data["tags"],
            )
            messages.success(request, _("The topic is saved in the topic bank."))
            return redirect("topicbank:detail", pk=topic.pk)
        # Shown again with the similar topics; a second submit confirms it is new.
        form.data = form.data.copy()
        form.data["confirm_new"] = "on"
    return render(
        request, "topicbank/topic_form.html", {"form": form, "similar": similar, "topic": topic}
    )


@require_POST
@login_required
def topic_support(request, pk: int):
    topic = get_topic_for_user(request.user, pk)
    if topic_support_toggle(topic=topic, leader=request.user):
        messages.success(request, _("You support this topic."))
    else:
        messages.info(request, _("You no longer support this topic."))
    return redirect("topicbank:detail", pk=pk)


@require_POST
@login_required
def topic_move_view(request, pk: int):
    require_chef_group(request.user)
    topic = get_topic_for_user(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid state."))
        return redirect("topicbank:detail", pk=pk)
    if form.cleaned_data["to_state"] == topic.state:
        messages.info(request, _("The topic stays '%s'.") % topic.get_state_display())
        return redirect("topicbank:detail", pk=pk)
    try:
        topic_move(topic=topic, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The topic is now '%s'.") % State(form.cleaned_data["to_state"]).label
        )
    return redirect("topicbank:detail", pk=pk)


@login_required
def topic_file(request, pk: int, file_pk: int):
    material = get_topic_file_for_user(request.user, pk, file_pk)
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.name)


@login_required
def board(request):
    require_chef_group(request.user)
    with_support = Topic.objects.with_support().select_related("proposed_by")
    shortlisted = with_support.filter(state=State.SHORTLISTED).order_by("-support_count", "title")
    most_supported = with_support.filter(state=State.PROPOSED, support_count__gt=0).order_by(
        "-support_count", "-created_at"
    )[:10]
    return render(
        request,
        "topicbank/board.html",
        {
            "shortlisted": shortlisted,
            "most_supported": most_supported,
            "balance": theme_balance(),
            "my_supports": set(
                Support.objects.filter(leader=request.user).values_list("topic", flat=True)
            ),
        },
    )
