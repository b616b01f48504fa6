from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import OutboxFilterForm, PreferencesForm
from .models import Message, State
from .permissions import get_outbox_message_for_user, require_outbox_access
from .services import RETRYABLE, messages_retry, preferences_save


@login_required
def my_messages(request):
    page = Paginator(Message.objects.for_recipient(request.user), 25).get_page(
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


@login_required
def outbox(request):
    require_outbox_access(request.user)
    form = OutboxFilterForm(request.GET or None)
    rows = Message.objects.select_related("recipient")
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            rows = rows.filter(
                Q(to_email__icontains=query)
                | Q(subject__icontains=query)
                | Q(kind__icontains=query)
            )
        if state := form.cleaned_data["state"]:
            rows = rows.filter(state=state)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    retryable = Message.objects.filter(state__in=RETRYABLE).count()
    return render(
        request,
        "notifications/outbox.html",
        {"form": form, "page": page, "retryable": retryable, "states": State},
    )


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
