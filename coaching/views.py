import csv
import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nyborg_ledelse.errors import year_from
from nyborg_ledelse.exports import neutralise_row
from nyborg_ledelse.organisation.changelog import changes_of, log_added, log_changed
from nyborg_ledelse.views import show_errors

from .forms import (
    ApprovalRequestForm,
    BookingChangeForm,
    BookingForm,
    CoachForm,
    CrisisForm,
    DecisionForm,
    GrantForm,
    GroupCoachingForm,
    PhaseForm,
    PoolApplicationForm,
    PoolForm,
    PsychologistForm,
    SparringRequestForm,
    VolunteerForm,
    member_results,
)
from .models import (
    Approval,
    Booking,
    ClosedYear,
    Coach,
    CrisisRequest,
    GroupCoachingShare,
    PoolApplication,
    PsychologistBooking,
    RecordRead,
    SparringRequest,
    Volunteer,
    current_year,
    record_read_log,
)
from .overview import coaching_charts, pool_charts, psychologist_chart, years_with_data
from .permissions import (
    get_application_for_area_chef,
    get_application_for_user,
    get_approval_for_manager,
    get_own_booking,
    get_own_share,
    get_sparring_request_for_hr,
    require_hr,
    require_staff_responsibility,
)
from .reports import coaching_totals, finance_rows
from .services.coaching_hours import (
    approval_decide,
    approval_request,
    booking_cancel,
    booking_change,
    booking_create,
    booking_preview,
    year_funding,
)
from .services.group_coaching import group_coaching_create, share_consent
from .services.hr import open_items_for_hr
from .services.pool import (
    default_shares,
    pool_apply,
    pool_grant,
    pool_move,
    pool_set_amount,
    pool_share_confirm,
    pool_status,
)
from .services.psychologist import crisis_mark_handled, crisis_request, psychologist_book
from .services.sparring import sparring_confirm, sparring_proposals
from .services.years import year_close


@login_required
def my_support(request):
    """The leader's own support: this year's coaching hours by funding, requests and offers."""
    user, year = request.user, current_year()
    funding = year_funding(user, year)
    bookings = Booking.objects.active().in_year(year).filter(leader=user).select_related("coach")
    context = {
        "year": year,
        "funding": funding,
        "total": funding.total(),
        "bookings": [(b, funding.splits[b.pk]) for b in bookings],
        "approvals": Approval.objects.filter(leader=user),
        "to_decide": Approval.objects.filter(manager=user, status="pending").select_related(
            "leader"
        ),
        "shares": GroupCoachingShare.objects.filter(
            leader=user, consented_at__isnull=True
        ).select_related("group_coaching__coach"),
        "psychologist": PsychologistBooking.objects.filter(
            leader=user, day__year=year, cancelled_at__isnull=True
        ),
        "sparring": SparringRequest.objects.filter(leader=user)
        .select_related("partner__leader")
        .first(),
        "applications": PoolApplication.objects.filter(applicant=user),
    }
    return render(request, "coaching/my_support.html", context)


@login_required
def coach_list(request):
    if not request.user.is_hr:
        return render(
            request, "coaching/coaches.html", {"coaches": Coach.objects.filter(active=True)}
        )
    # HR keeps the list: coaches no longer used stay visible to them, to be taken up again.
    context = {"coaches": Coach.objects.order_by("-active", "name"), "log": changes_of(Coach)}
    return render(request, "coaching/coaches.html", context)


@login_required
def book(request):
    """Book a session: the funding of its hours is shown first, then confirmed."""
    require_staff_responsibility(request.user)
    form = BookingForm(request.POST or None, initial={"hours": Decimal("1.0")})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["confirm"]:
            try:
                booking_create(
                    leader=request.user,
                    coach=data["coach"],
                    day=data["day"],
                    hours=data["hours"],
                    cost_centre=data["cost_centre"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The session is booked."))
                return redirect("coaching:mine")
        preview = booking_preview(request.user, data["day"], data["hours"])
        form.data = form.data.copy()
        form.data["confirm"] = "True"
    return render(request, "coaching/book.html", {"form": form, "preview": preview})


@login_required
def booking_edit(request, pk: int):
    booking = get_own_booking(request.user, pk)
    form = BookingChangeForm(
        request.POST or None,
        initial={"day": booking.day, "hours": booking.hours, "cost_centre": booking.cost_centre},
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking_change(booking=booking, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The booking is changed; the funding of your hours is worked out again.")
            )
            return redirect("coaching:mine")
    return render(request, "coaching/booking_form.html", {"form": form, "booking": booking})


@require_POST
@login_required
def booking_cancel_view(request, pk: int):
    booking = get_own_booking(request.user, pk)
    try:
        booking_cancel(booking=booking)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The booking is cancelled."))
    return redirect("coaching:mine")


@login_required
def approval_new(request):
    require_staff_responsibility(request.user)
    form = ApprovalRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            approval_request(leader=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your manager is asked. You will hear the decision by e-mail.")
            )
            return redirect("coaching:mine")
    return render(request, "coaching/approval_new.html", {"form": form})


@login_required
def approval_detail(request, pk: int):
    """What the manager must decide: who, how many hours, which year. No coach, no topic."""
    approval = get_approval_for_manager(request.user, pk)
    record_read_log(
        reader=request.user,
        subject=approval.leader,
        what=RecordRead.What.APPROVAL,
        object_id=approval.pk,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            approval_decide(approval=approval, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your decision is sent to the leader."))
            return redirect("coaching:mine")
    return render(request, "coaching/approval_detail.html", {"approval": approval, "form": form})


@require_POST
@login_required
def share_consent_view(request, pk: int):
    share = get_own_share(request.user, pk)
    try:
        share_consent(share=share, leader=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Your hours are given to the group coaching."))
    return redirect("coaching:mine")


@login_required
def group_new(request):
    require_staff_responsibility(request.user)
    if "search_members" in request.POST:
        # The search button without JavaScript: the form comes back as filled in, with the matches.
        filled_in = {**request.POST.dict(), "members": request.POST.getlist("members")}
        form = GroupCoachingForm(
            initial=filled_in, member_search=request.POST.get("members_search", "")
        )
        return render(request, "coaching/group_new.html", {"form": form})
    form = GroupCoachingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shares = form.shares()
            data = {k: v for k, v in form.cleaned_data.items() if k != "members"}
            group_coaching_create(organiser=request.user, shares=shares, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The group coaching is registered; members are asked for their hours.")
            )
            return redirect("coaching:mine")
    return render(request, "coaching/group_new.html", {"form": form})


@login_required
def member_search(request):
    """The group coaching picker's matches as you type: a short list, however many leaders."""
    require_staff_responsibility(request.user)
    chosen = [int(pk) for pk in request.GET.getlist("chosen") if pk.isdigit()]
    results = member_results(request.GET.get("q", "")[:100], chosen=chosen)
    return render(request, "coaching/_member_results.html", results)


@login_required
def psychologist(request):
    form = PsychologistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            psychologist_book(leader=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The psychologist hours are registered."))
            return redirect("coaching:mine")
    return render(
        request, "coaching/form.html", {"form": form, "title": _("Psychologist assistance")}
    )


@login_required
def crisis(request):
    form = CrisisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        crisis_request(by=request.user, **form.cleaned_data)
        messages.success(request, _("HR has been told and will contact you."))
        return redirect("coaching:mine")
    return render(
        request,
        "coaching/form.html",
        {"form": form, "title": _("Acute crisis help for a workplace")},
    )


@login_required
def pool_apply_view(request):
    form = PoolApplicationForm(request.POST or None, initial={"year": current_year()})
    if request.method == "POST" and form.is_valid():
        application = pool_apply(applicant=request.user, **form.cleaned_data)
        messages.success(request, _("The application is sent to HR."))
        return redirect("coaching:pool_application", pk=application.pk)
    return render(request, "coaching/form.html", {"form": form, "title": _("Apply for pool funds")})


@login_required
def pool_application(request, pk: int):
    application = get_application_for_user(request.user, pk)
    record_read_log(
        reader=request.user,
        subject=application.applicant,
        what=RecordRead.What.POOL_CASE,
        object_id=application.pk,
    )
    workplace, area_chef, pool_share = default_shares(application.estimated_cost)
    grant_form = GrantForm(
        initial={
            "share_workplace": workplace,
            "share_area_chef": area_chef,
            "share_pool": pool_share,
        }
    )
    phases = PhaseForm.choices_for(application)
    if request.method == "POST":
        require_hr(request.user)
        try:
            if "grant" in request.POST:
                grant_form = GrantForm(request.POST)
                if not grant_form.is_valid():
                    raise ValidationError(_("Give the three shares in DKK."))
                data = grant_form.cleaned_data
                pool_grant(
                    application=application,
                    by=request.user,
                    shares=(data["share_workplace"], data["share_area_chef"], data["share_pool"]),
                    override_reason=data["override_reason"],
                )
            else:
                phase_form = PhaseForm(request.POST, phases=phases)
                if not phase_form.is_valid():
                    raise ValidationError(_("Choose a phase."))
                pool_move(application=application, by=request.user, **phase_form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The application is updated."))
            return redirect("coaching:pool_application", pk=pk)
    context = {
        "application": application,
        "events": application.events.select_related("by"),
        "grant_form": grant_form,
        "phase_form": PhaseForm(phases=phases, initial={"phase": application.phase}),
        "may_move": bool(application.next_phases()),
        "status": pool_status(application.year) if request.user.is_hr else None,
    }
    return render(request, "coaching/pool_application.html", context)


@require_POST
@login_required
def pool_share_confirm_view(request, pk: int):
    application = get_application_for_area_chef(request.user, pk)
    try:
        pool_share_confirm(application=application, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("You have confirmed the area's share; HR is told."))
    return redirect("coaching:pool_application", pk=pk)


@login_required
def sparring(request):
    volunteer = Volunteer.objects.filter(leader=request.user).first()
    request_form = SparringRequestForm(
        request.POST if "ask" in request.POST else None, leader=request.user
    )
    volunteer_form = VolunteerForm(
        request.POST if "volunteer" in request.POST else None, instance=volunteer
    )
    if request.method == "POST":
        if "ask" in request.POST and request_form.is_valid():
            request_form.instance.leader = request.user
            request_form.save()
            messages.success(request, _("HR will find a sparring partner for you."))
            return redirect("coaching:mine")
        if "volunteer" in request.POST and volunteer_form.is_valid():
            volunteer_form.instance.leader = request.user
            volunteer_form.save()
            messages.success(request, _("Thank you for offering to be a sparring partner."))
            return redirect("coaching:mine")
    return render(
        request,
        "coaching/sparring.html",
        {"request_form": request_form, "volunteer_form": volunteer_form},
    )


# --- HR ----------------------------------------------------------------------------------------


@login_required
def hr_overview(request):
    require_hr(request.user)
    year = year_from(request, default=current_year())
    pool = pool_status(year)
    closable = year if year < current_year() else current_year() - 1
    context = {
        "year": year,
        "years": sorted({year, *years_with_data()}, reverse=True),
        "totals": coaching_totals(year),
        "coaching_charts": coaching_charts(year),
        "pool": pool,
        "pool_charts": pool_charts(year, pool.amount),
        "psychologist_chart": psychologist_chart(year),
        "open": open_items_for_hr(),
        "applications": PoolApplication.objects.filter(year=year),
        "crises": CrisisRequest.objects.filter(handled_at__isnull=True).select_related(
            "requested_by"
        ),
        "sparring_requests": SparringRequest.objects.filter(partner__isnull=True).select_related(
            "leader"
        ),
        "closable_year": None if ClosedYear.objects.filter(year=closable).exists() else closable,
    }
    return render(request, "coaching/hr_overview.html", context)


@require_POST
@login_required
def pool_set(request):
    require_hr(request.user)
    form = PoolForm(request.POST)
    if form.is_valid():
        pool_set_amount(year=form.cleaned_data["year"], amount=form.cleaned_data["amount"])
        messages.success(request, _("The pool is set."))
    else:
        messages.error(request, _("Give the year and an amount in DKK."))
    return redirect("coaching:hr")


@login_required
def close_year(request):
    """After the accounts: the year's bookings can no longer change. Asked first, then done."""
    require_hr(request.user)
    if request.method != "POST":
        year = year_from(request, default=current_year() - 1)
        return render(request, "coaching/close_year.html", {"year": year})
    year = request.POST.get("year", "")
    try:
        year_close(year=int(year) if year.isdigit() else None, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request, _("%(year)s is closed; its bookings can no longer change.") % {"year": year}
        )
    return redirect("coaching:hr")


@require_POST
@login_required
def crisis_handled(request, pk: int):
    require_hr(request.user)
    crisis_mark_handled(crisis=get_object_or_404(CrisisRequest, pk=pk))
    return redirect("coaching:hr")


@login_required
def coach_edit(request, pk: int | None = None):
    require_hr(request.user)
    coach = get_object_or_404(Coach, pk=pk) if pk else None
    form = CoachForm(request.POST or None, instance=coach)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if coach is None:
            log_added(by=request.user, record=saved)
        else:
            log_changed(by=request.user, record=saved, fields=form.changed_data)
        messages.success(request, _("The coach is saved."))
        return redirect("coaching:coaches")
    return render(request, "coaching/form.html", {"form": form, "title": _("Coach")})


@login_required
def sparring_match(request, pk: int):
    sparring_request = get_sparring_request_for_hr(request.user, pk)
    record_read_log(
        reader=request.user,
        subject=sparring_request.leader,
        what=RecordRead.What.SPARRING,
        object_id=sparring_request.pk,
    )
    proposals = sparring_proposals(sparring_request)
    if request.method == "POST":
        chosen = request.POST.get("volunteer", "")
        volunteer = get_object_or_404(Volunteer, pk=int(chosen) if chosen.isdigit() else 0)
        try:
            sparring_confirm(request=sparring_request, volunteer=volunteer, by=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The match is confirmed and both are told."))
            return redirect("coaching:hr")
    return render(
        request,
        "coaching/sparring_match.html",
        {"sparring_request": sparring_request, "proposals": proposals},
    )


@login_required
def finance_export(request, format: str):
    """Invoice lines for the finance system, by coach, month and funding: never a leader's name."""
    require_hr(request.user)
    year = year_from(request, default=current_year())
    header, rows = finance_rows(year)
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(neutralise_row(row) for row in rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = f"Coaching {year}"
        sheet.append(header)
        for row in rows:
            # Money stays Decimal: openpyxl writes it as an exact number.
            sheet.append(neutralise_row(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="coaching-{year}.{format}"'
    return response
