from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from meetings.room.models import AccessLog
from nyborg_ledelse.organisation.models import Leader

from .composer import CompositionError
from .forms import ContractForm, HostingEndForm, HostingForm, MoveForm, ProposalForm
from .hosting import hosting_appoint, hosting_end
from .mix import mix_of, mixes_of
from .models import Group, Hosting, HostingLogEntry, Proposal
from .permissions import (
    get_group_for_hosting,
    get_group_for_user,
    get_group_to_edit_contract,
    get_proposal_for_user,
    require_composer,
    require_overview,
)
from .services import (
    ContractConflict,
    ProposalOutdated,
    contract_save,
    current_seats,
    membership_move,
    proposal_apply,
    proposal_create,
    proposal_discard,
    proposal_unpin,
)

VIOLATION_LABELS = {
    "size": gettext_lazy("groups outside the size bounds"),
    "manager_same_group": gettext_lazy("leaders in the same group as their manager"),
    "manager_hosts_group": gettext_lazy("leaders in the group their own manager hosts"),
    "pinned": gettext_lazy("pinned leaders moved"),
}


@login_required
def my_group(request):
    group = Group.of(request.user)
    if group is None:
        return render(request, "groups/no_group.html")
    return redirect(group)


@login_required
def group_detail(request, pk: int):
    group = get_group_for_user(request.user, pk)
    context = {
        "group": group,
        "members": group.current_members(),
        "contract": group.contract(),
        "versions": group.contract_versions.select_related("author"),
        "may_edit_contract": group.is_hosted_by(request.user),
        "hostings": group.hostings.select_related("leader"),
        # The access log turned to the people it protects: every read of the group's records.
        "reads": AccessLog.objects.about_group(group).select_related("who", "meeting__round"),
    }
    return render(request, "groups/group_detail.html", context)


@login_required
def contract_edit(request, pk: int):
    group = get_group_to_edit_contract(request.user, pk)
    latest = group.contract()
    initial = {"text": latest.text if latest else "", "based_on": latest.pk if latest else None}
    form = ContractForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            contract_save(group=group, author=request.user, **form.cleaned_data)
        except ContractConflict as error:
            conflict = error.latest
            form.add_error(None, error)
            # Saving again now is a deliberate choice to replace their version.
            form.data = form.data.copy()
            form.data["based_on"] = conflict.pk
        else:
            messages.success(request, _("The contract is saved as a new version."))
            return redirect(group)
    return render(
        request,
        "groups/contract_form.html",
        {"group": group, "form": form, "conflict": conflict},
    )


@login_required
def overview(request):
    require_overview(request.user)
    groups = list(Group.objects.select_related("host", "co_host"))
    seats = current_seats()
    leaders = Leader.objects.select_related("department").in_bulk(list(seats))
    unplaced = (
        Leader.objects.store_ledergruppe()
        .exclude(pk__in=list(seats))
        .select_related("department")
        .order_by("last_name", "first_name")
    )
    labels = [str(group.number) for group in groups]
    mix = mix_of(seats, leaders, labels)
    bounds = (settings.GROUPS["MIN_SIZE"], settings.GROUPS["MAX_SIZE"])
    members = {label: [] for label in labels}
    for pk, label in seats.items():
        members[label].append(leaders[pk])
    rows = [
        {
            "group": group,
            "mix": row,
            "members": sorted(members[row.label], key=lambda leader: leader.full_name),
            "outside_bounds": not bounds[0] <= row.size <= bounds[1],
        }
        for group, row in zip(groups, mix.rows, strict=True)
    ]
    context = {
        "mix": mix,
        "rows": rows,
        "unplaced": unplaced,
        "outside_bounds": [row for row in rows if row["outside_bounds"]],
        "bounds": bounds,
        "proposals": Proposal.objects.select_related("created_by")[:5]
        if request.user.is_administrator
        else [],
        "move_form": MoveForm() if request.user.is_administrator else None,
    }
    return render(request, "groups/overview.html", context)


@login_required
def proposal_new(request):
    require_composer(request.user)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_create(by=request.user, **form.cleaned_data)
        except CompositionError as error:
            for message in error.messages:
                form.add_error(None, str(message))
        else:
            return redirect("groups:proposal", pk=proposal.pk)
    # The page is named like the overview's button that leads here.
    rebalancing = Group.objects.exists()
    return render(request, "groups/proposal_form.html", {"form": form, "rebalancing": rebalancing})


OPTION_LABELS = {
    "fewest_moves": gettext_lazy("Fewest moves"),
    "between": gettext_lazy("In between"),
    "within_tolerance": gettext_lazy("Within the tolerance"),
    "most_even": gettext_lazy("Most even"),
}


def _option_index(raw: str | None) -> int | None:
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


@login_required
def proposal_detail(request, pk: int):
    proposal = get_proposal_for_user(request.user, pk)
    index = _option_index(request.GET.get("option"))
    if proposal.options and (index is None or not 0 <= index < len(proposal.options)):
        index = proposal.recommended_option
    picked = proposal.option(index)
    leaders = Leader.objects.select_related("department").in_bulk(
        [int(leader) for leader in picked["assignment"]]
    )
    # The hosts, whatever order the assignment comes back in (PostgreSQL's jsonb sorts its keys).
    hosts = {
        label: leaders[int(pk)]
        for pk, label in picked["assignment"].items()
        if label and leaders[int(pk)].is_chef_group
    }
    labels = sorted(hosts, key=int)
    # Members only, in both mixes: hosts have a column of their own, never a seat in the counts.
    members = {int(pk) for pk in proposal.before}
    before = {int(pk): label for pk, label in proposal.before.items() if label}
    after = {int(pk): label for pk, label in picked["assignment"].items() if int(pk) in members}
    host_names = {label: host.full_name for label, host in hosts.items()}
    mix_before, mix_after = mixes_of(before, after, leaders, labels, hosts=host_names)
    result = picked["result"]
    context = {
        "proposal": proposal,
        "result": result,
        "option_index": index,
        "options": [
            {
                "index": k,
                "label": OPTION_LABELS.get(option["key"], option["key"]),
                "moves": len(option["moves"]),
                "D": option["result"]["D"],
                "recommended": option.get("recommended", False),
                "shown": k == index,
            }
            for k, option in enumerate(proposal.options)
        ],
        "moves": [(leaders[pk], old, new) for pk, old, new in picked["moves"]],
        "groups": [
            (label, hosts[label], mix_before.row(label), mix_after.row(label)) for label in labels
        ],
        "gap_percent": result["gap"] * 100,
        "bounds": (proposal.min_size, proposal.max_size),
        "mix_before": mix_before,
        "mix_after": mix_after,
        "broken_rules": [
            (VIOLATION_LABELS[rule], count) for rule, count in result["violations"].items() if count
        ],
        "pinned": Leader.objects.filter(pk__in=proposal.pinned).order_by("last_name"),
        "unpinned": Leader.objects.filter(pk__in=proposal.unpinned).order_by("last_name"),
    }
    return render(request, "groups/proposal_detail.html", context)


@require_POST
@login_required
def proposal_unpin_view(request, pk: int):
    """Propose again, letting the composer move the successors the administrator unticked."""
    proposal = get_proposal_for_user(request.user, pk)
    chosen = {int(v) for v in request.POST.getlist("unpin") if v.isdigit()} & set(proposal.pinned)
    if not chosen or proposal.status != Proposal.Status.PROPOSED:
        messages.info(request, _("Choose the successors the composer may move."))
        return redirect("groups:proposal", pk=pk)
    try:
        newer = proposal_unpin(proposal=proposal, by=request.user, unpin=chosen)
    except CompositionError as error:
        messages.error(request, " ".join(str(message) for message in error.messages))
        return redirect("groups:proposal", pk=pk)
    messages.success(request, _("A new proposal is made; the previous one is discarded."))
    return redirect("groups:proposal", pk=newer.pk)


@require_POST
@login_required
def proposal_apply_view(request, pk: int):
    proposal = get_proposal_for_user(request.user, pk)
    try:
        moves = proposal_apply(
            proposal=proposal,
            by=request.user,
            option=_option_index(request.POST.get("option")),
        )
    except ProposalOutdated as error:
        messages.error(request, " ".join(str(message) for message in error.messages))
        return redirect("groups:proposal", pk=pk)
    messages.success(
        request,
        _("The groups are updated: %(count)d leaders have a new seat and have been told.")
        % {"count": len(moves)},
    )
    return redirect("groups:overview")


@require_POST
@login_required
def proposal_discard_view(request, pk: int):
    proposal = get_proposal_for_user(request.user, pk)
    proposal_discard(proposal=proposal, by=request.user)
    messages.info(request, _("The proposal is discarded; nothing has changed."))
    return redirect("groups:overview")


@require_POST
@login_required
def move_view(request):
    require_composer(request.user)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a leader and a group."))
        return redirect("groups:overview")
    leader, group = form.cleaned_data["leader"], form.cleaned_data["group"]
    membership_move(leader=leader, group=group, by=request.user)
    messages.success(
        request,
        _("%(name)s now sits in %(group)s and has been sent the meetings that change.")
        % {"name": leader.full_name, "group": group},
    )
    return redirect("groups:overview")


@login_required
def hosts(request):
    """Every group's host and co-host today, and the appointments already made for later."""
    require_composer(request.user)
    today = timezone.localdate()
    appointments = defaultdict(list)
    for appointment in (
        Hosting.objects.not_ended_on(today).select_related("leader").order_by("starts_on", "pk")
    ):
        appointments[appointment.group_id].append(appointment)
    rows = [
        {
            "group": group,
            "now": [a for a in appointments[group.pk] if a.starts_on <= today],
            "later": [a for a in appointments[group.pk] if a.starts_on > today],
        }
        for group in Group.objects.order_by("number")
    ]
    return render(request, "groups/hosts.html", {"rows": rows})


@login_required
def hosting(request, pk: int):
    group = get_group_for_hosting(request.user, pk)
    context = {
        "group": group,
        "hostings": group.hostings.select_related("leader", "appointed_by", "ended_by"),
        "log": HostingLogEntry.objects.filter(hosting__group=group).select_related(
            "by", "hosting__leader"
        ),
        "form": HostingForm(initial={"starts_on": timezone.localdate()}),
        "end_form": HostingEndForm(initial={"ends_on": timezone.localdate()}),
    }
    return render(request, "groups/hosting.html", context)


@require_POST
@login_required
def hosting_appoint_view(request, pk: int):
    group = get_group_for_hosting(request.user, pk)
    form = HostingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        hosting_appoint(group=group, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The appointment is made, and the group has been told."))
    return redirect("groups:hosting", pk=group.pk)


@require_POST
@login_required
def hosting_end_view(request, pk: int, hosting: int):
    group = get_group_for_hosting(request.user, pk)
    appointment = get_object_or_404(Hosting, pk=hosting, group=group)
    form = HostingEndForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        hosting_end(hosting=appointment, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The appointment ends, and the group has been told."))
    return redirect("groups:hosting", pk=group.pk)
