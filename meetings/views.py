from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import Group
from nyborg_ledelse.errors import year_from
from nyborg_ledelse.notifications.services import recipient_language
from nyborg_ledelse.organisation.changelog import changes_of, log_added, log_changed
from nyborg_ledelse.organisation.models import Leader
from nyborg_ledelse.views import show_errors

from . import calendar
from .forms import (
    AgendaItemForm,
    ApologyForm,
    MaterialForm,
    PinForm,
    ProgrammeFormSet,
    QuestionForm,
    RoomForm,
    RoundForm,
    StandInForm,
    TemplateItemForm,
)
from .models import AgendaTemplateItem, Attendance, CalendarFeed, Meeting, Room, Round
from .permissions import (
    get_meeting_for_host,
    get_meeting_for_user,
    get_round_for_planner,
    get_seminar_for_planner,
    require_administrator,
    require_begun,
    require_planner,
)
from .services import (
    agenda_save,
    agenda_template_save,
    apology_send,
    attendance_record,
    calendar_feed_renew,
    feed_meetings,
    meeting_cancel,
    meeting_hand_over,
    meeting_move,
    meeting_pin,
    meeting_stand_in_request,
    plan_problems,
    round_create,
    round_plan,
    round_plan_save,
    round_publish,
    seminar_programme_save,
)


@login_required
def round_list(request):
    require_planner(request.user)
    return render(request, "meetings/round_list.html", {"rounds": Round.objects.all()})


@login_required
def round_new(request):
    require_planner(request.user)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_create(round_=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The round is created with the fixed agenda."))
            return redirect(round_)
    return render(request, "meetings/round_form.html", {"form": form})


@login_required
def round_edit(request, pk: int):
    round_ = get_round_for_planner(request.user, pk)
    if round_.is_published:
        messages.error(request, _("The round is published; move single meetings instead."))
        return redirect(round_)
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        try:
            form.instance.full_clean()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form.save()
            messages.success(request, _("The round is saved."))
            return redirect(round_)
    return render(request, "meetings/round_form.html", {"form": form, "round": round_})


@login_required
def round_detail(request, pk: int):
    round_ = get_round_for_planner(request.user, pk)
    context = {
        "round": round_,
        "items": round_.agenda_items.select_related("topic"),
        "meetings": round_.meetings.select_related("group", "room", "host"),
        "problems": round_.agenda_problems() + plan_problems(round_),
        "materials": round_.materials.all(),
        "questions": round_.questions.all(),
        "sessions": round_.sessions.all(),
        "pin_form": PinForm(round_=round_),
    }
    return render(request, "meetings/round_detail.html", context)


@login_required
def programme_edit(request, pk: int):
    round_ = get_seminar_for_planner(request.user, pk)
    formset = ProgrammeFormSet(
        request.POST or None, queryset=round_.sessions.all(), prefix="session"
    )
    if request.method == "POST" and formset.is_valid():
        sessions = formset.save(commit=False)
        try:
            seminar_programme_save(
                round_=round_, sessions=sessions, removed=formset.deleted_objects
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect(round_)
    return render(request, "meetings/programme_form.html", {"round": round_, "formset": formset})


@login_required
def agenda_edit(request, pk: int):
    round_ = get_round_for_planner(request.user, pk)
    items = list(round_.agenda_items.select_related("topic"))
    forms = [
        AgendaItemForm(
            request.POST or None,
            prefix=f"item{item.number}",
            number=item.number,
            current_topic=item.topic,
            initial={"title": item.title, "text": item.text, "topic": item.topic},
        )
        for item in items
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            agenda_save(
                round_=round_,
                items={form.number: form.cleaned_data for form in forms},
                by=request.user,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The agenda is saved."))
            return redirect(round_)
    context = {
        "round": round_,
        "forms": forms,
        "material_form": MaterialForm(),
        "question_form": QuestionForm(),
    }
    return render(request, "meetings/agenda_form.html", context)


@require_POST
@login_required
def material_add(request, pk: int):
    round_ = get_round_for_planner(request.user, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        form.instance.round = round_
        form.save()
        messages.success(request, _("The material is added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("meetings:agenda", pk=pk)


@require_POST
@login_required
def question_add(request, pk: int):
    round_ = get_round_for_planner(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        form.instance.round = round_
        form.instance.position = round_.questions.count() + 1
        form.save()
        messages.success(request, _("The question is added."))
    else:
        messages.error(request, _("Write the theme or question."))
    return redirect("meetings:agenda", pk=pk)


@login_required
def template_edit(request):
    require_planner(request.user)
    items = AgendaTemplateItem.objects.template()
    forms = [
        TemplateItemForm(request.POST or None, instance=item, prefix=f"item{item.number}")
        for item in items
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        agenda_template_save(items=[form.save(commit=False) for form in forms])
        messages.success(request, _("The agenda template is saved; new rounds start from it."))
        return redirect("meetings:rounds")
    return render(request, "meetings/template_form.html", {"forms": forms})


@login_required
def round_plan_view(request, pk: int):
    round_ = get_round_for_planner(request.user, pk)
    try:
        plan = round_plan(round_)
    except ValidationError as error:
        show_errors(request, error)
        return redirect(round_)
    if request.method == "POST":
        try:
            round_plan_save(round_=round_, plan=plan)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The plan is saved. Nobody is told until you publish."))
        return redirect(round_)
    groups = Group.objects.select_related("host").in_bulk()
    rooms = Room.objects.in_bulk()
    rows = sorted(
        (
            (groups[group_id], day, rooms[room_id])
            for group_id, (day, room_id) in plan.placements.items()
        ),
        key=lambda row: (row[1], row[0].number),
    )
    return render(request, "meetings/plan.html", {"round": round_, "plan": plan, "rows": rows})


@require_POST
@login_required
def meeting_move_view(request, pk: int):
    require_planner(request.user)
    meeting = get_object_or_404(Meeting.objects.select_related("round"), pk=pk)
    form = PinForm(request.POST, round_=meeting.round)
    if not form.is_valid():
        messages.error(request, _("Choose one of the round's days."))
        return redirect(meeting.round)
    move = meeting_move if meeting.round.is_published else meeting_pin
    try:
        move(meeting=meeting, **form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
    else:
        if meeting.round.is_published:
            messages.success(request, _("The meeting is moved and its members are told."))
        else:
            messages.success(request, _("The group is fixed to that day and room."))
    return redirect(meeting.round)


@login_required
def meeting_cancel_view(request, pk: int):
    """Cancelling tells every member at once, so it is asked once more on a page of its own."""
    require_planner(request.user)
    meeting = get_object_or_404(Meeting.objects.select_related("round", "group", "room"), pk=pk)
    if request.method != "POST":
        return render(request, "meetings/meeting_cancel.html", {"meeting": meeting})
    try:
        meeting_cancel(meeting=meeting)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The meeting is cancelled and its members are told."))
    return redirect(meeting.round)


@require_POST
@login_required
def round_publish_view(request, pk: int):
    round_ = get_round_for_planner(request.user, pk)
    try:
        invited = round_publish(round_=round_)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("The round is published: %(count)d invitations are on their way.")
            % {"count": invited},
        )
    return redirect(round_)


@login_required
def meeting_detail(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    invited = meeting.invited()
    apologies = {a.leader_id: a for a in meeting.apologies.all()}
    is_invited = request.user in invited
    has_begun = meeting.has_begun()
    # The one who hosts a group's meeting does not send apologies: they hand it on.
    hosts_it = meeting.group is not None and request.user.pk == meeting.host_id
    may_step_down = hosts_it and not has_begun and not meeting.cancelled_at
    recorded = list(meeting.attendance.select_related("leader"))
    came = [a.leader for a in recorded if a.present]
    context = {
        "meeting": meeting,
        "round": meeting.round,
        "items": meeting.round.agenda_items.select_related("topic"),
        "materials": meeting.round.materials.all(),
        "has_begun": has_begun,
        "attendance_recorded": bool(recorded),
        "coming": [p for p in invited if p.pk not in apologies],
        "apologies": [(p, apologies[p.pk]) for p in invited if p.pk in apologies],
        "my_apology": apologies.get(request.user.pk),
        "apology_form": ApologyForm() if is_invited and not has_begun and not hosts_it else None,
        "co_host": meeting.co_host_on_the_day() if may_step_down else None,
        "stand_in_form": StandInForm() if may_step_down else None,
        "is_host": meeting.is_hosted_by(request.user),
        "records_attendance": (
            request.user.is_chef_group or request.user.is_administrator
            if meeting.group is None
            else meeting.is_hosted_by(request.user) or request.user.is_administrator
        ),
        "came": sorted(came, key=lambda person: person.full_name),
        "sessions": meeting.round.sessions.all(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
@login_required
def hand_over_view(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    try:
        meeting = meeting_hand_over(meeting=meeting, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s hosts the meeting now and has the invitation.")
            % {"name": meeting.host.full_name},
        )
    return redirect(meeting)


@require_POST
@login_required
def stand_in_view(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    form = StandInForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say why you cannot come."))
        meeting_stand_in_request(
            meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The administrators are asked to find a stand-in."))
    return redirect(meeting)


@require_POST
@login_required
def apology_view(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    form = ApologyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for your apologies."))
        return redirect(meeting)
    try:
        apology_send(meeting=meeting, leader=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Your apologies are sent to the host."))
    return redirect(meeting)


@login_required
def attendance_view(request, pk: int):
    meeting = get_meeting_for_host(request.user, pk)
    require_begun(meeting)
    people = [p for p in meeting.invited() if p.pk != meeting.host_id]
    if request.method == "POST":
        present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
        try:
            attendance_record(meeting=meeting, present=present, by=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Attendance is recorded."))
            return redirect(meeting)
    recorded = {a.leader_id: a.present for a in meeting.attendance.all()}
    apologised = set(meeting.apologies.values_list("leader_id", flat=True))
    rows = [(p, recorded.get(p.pk, p.pk not in apologised), p.pk in apologised) for p in people]
    return render(request, "meetings/attendance_form.html", {"meeting": meeting, "rows": rows})


@login_required
def my_meetings(request):
    today = timezone.localdate()
    meetings = Meeting.objects.for_leader(request.user).select_related("round", "group", "room")
    attendance = Attendance.objects.filter(leader=request.user).select_related("meeting__round")
    feed, _created = CalendarFeed.objects.get_or_create(leader=request.user)
    hosted = _hosted_attendance(request.user, today.year)
    context = {
        "upcoming": [
            meeting
            for meeting in meetings.filter(day__gte=today, cancelled_at__isnull=True)
            if not meeting.is_over  # one held earlier today is no longer coming up
        ],
        "attendance": attendance.order_by("-meeting__day"),
        "year": today.year,
        "missed": attendance.filter(present=False, meeting__day__year=today.year).count(),
        "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
        "hosted": hosted,
    }
    return render(request, "meetings/my_meetings.html", context)


def _hosted_attendance(user, year: int) -> list[dict]:
    """For a host: each member of their groups with this year's misses, flagged above one."""
    counts = Attendance.objects.counts(year)
    rows = []
    for group in Group.objects.filter(host=user):
        for member in group.current_members():
            held, missed = counts.get(member.pk, (0, 0))
            rows.append(
                {
                    "group": group,
                    "leader": member,
                    "held": held,
                    "missed": missed,
                    "flag": missed > 1,
                }
            )
    return rows


@login_required
def attendance_overview(request):
    require_administrator(request.user)
    year = year_from(request, default=timezone.localdate().year)
    counts = Attendance.objects.counts(year)
    leaders = Leader.objects.filter(pk__in=list(counts)).order_by("last_name", "first_name")
    rows = [
        {
            "leader": leader,
            "held": counts[leader.pk][0],
            "missed": counts[leader.pk][1],
            "flag": counts[leader.pk][1] > 1,
        }
        for leader in leaders
    ]
    return render(request, "meetings/attendance_overview.html", {"rows": rows, "year": year})


@require_POST
@login_required
def feed_renew(request):
    calendar_feed_renew(leader=request.user)
    messages.success(request, _("Your calendar address is renewed; the old one no longer works."))
    return redirect("meetings:mine")


def feed(request, token: str):
    """The private calendar address: no login, the secret token is the key."""
    subscription = get_object_or_404(CalendarFeed.objects.select_related("leader"), token=token)
    leader = subscription.leader
    # A deactivated or ended account's calendar stops with it, like its login.
    if not leader.is_active or leader.has_left():
        return HttpResponse(status=404)
    # A calendar program sends no cookie: the feed is in the language its owner chose.
    with translation.override(recipient_language(leader)):
        body = calendar.feed(feed_meetings(leader), name=f"Ledelsesrum · {leader.full_name}")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def room_list(request):
    require_administrator(request.user)
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        log_added(by=request.user, record=form.save())
        messages.success(request, _("The room is added."))
        return redirect("meetings:rooms")
    return render(
        request,
        "meetings/rooms.html",
        {"rooms": Room.objects.all(), "form": form, "log": changes_of(Room)},
    )


@login_required
def room_edit(request, pk: int):
    require_administrator(request.user)
    room = get_object_or_404(Room, pk=pk)
    form = RoomForm(request.POST or None, instance=room)
    if request.method == "POST" and form.is_valid():
        log_changed(by=request.user, record=form.save(), fields=form.changed_data)
        messages.success(request, _("The room is saved."))
        return redirect("meetings:rooms")
    return render(request, "meetings/room_form.html", {"room": room, "form": form})
