from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import OutboxFilterForm, PreferencesForm
from .models import Message, State
from .permissions import get_outbox_message_for_user, require_outbox_access
from .services import RETRYABLE, messages_retry, preferences_save


@login_required
def my_messages(request):
    page = Paginator(Message.objects.for_recipient(request.user).by_send_time(), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/my_messages.html", {"page": page})


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        preferences_save(user=request.user, choices=form.cleaned_data)
        flash.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# Failed private messages listed one by one (for "send again"); the rest are only counted.
PRIVATE_FAILED_SHOWN = 100


@login_required
def outbox(request):
    """Public messages row by row; private ones as counts, and failed ones without a name."""
    require_outbox_access(request.user)
    form = OutboxFilterForm(request.GET or None)
    rows = Message.objects.public().by_send_time()
    private = Message.objects.private()
    if form.is_valid():
        # The search reads only public messages: a private one must not be found by its
        # recipient or subject, not even as a count.
        if query := form.cleaned_data["q"].strip():
            rows = rows.filter(
                Q(to_email__icontains=query)
                | Q(subject__icontains=query)
                | Q(kind__icontains=query)
            )
        if state := form.cleaned_data["state"]:
            rows = rows.filter(state=state)
            private = private.filter(state=state)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    retryable = Message.objects.filter(state__in=RETRYABLE).count()
    return render(
        request,
        "notifications/outbox.html",
        {
            "form": form,
            "page": page,
            "retryable": retryable,
            "states": State,
            "private_counts": private_counts(private),
            "private_failed": private.filter(state__in=RETRYABLE).order_by("due_at", "pk")[
                :PRIVATE_FAILED_SHOWN
            ],
        },
    )


def private_counts(messages) -> list[dict]:
    """How many private messages each group has in each state: never who or what."""
    counts: dict[str, dict[str, int]] = {}
    for kind, state, count in (
        messages.order_by().values_list("kind", "state").annotate(count=Count("pk"))
    ):
        group = Message(kind=kind).kind_group
        by_state = counts.setdefault(group, dict.fromkeys(State.values, 0))
        by_state[state] += count
    return [
        {"group": group, "states": [(State(s).label, n) for s, n in by_state.items() if n]}
        for group, by_state in sorted(counts.items())
    ]


@require_POST
@login_required
def outbox_retry(request, pk: int):
    message = get_outbox_message_for_user(request.user, pk)
    if messages_retry(messages=Message.objects.filter(pk=message.pk)):
        flash.success(request, _("The message is back in line."))
    else:
        flash.warning(request, _("Only failed or uncertain messages can be sent again."))
    return redirect("notifications:outbox")


@require_POST
@login_required
def outbox_retry_all(request):
    require_outbox_access(request.user)
    count = messages_retry(messages=Message.objects.filter(state=State.FAILED))
    flash.success(request, _("%(count)s failed messages are back in line.") % {"count": count})
    return redirect("notifications:outbox")
