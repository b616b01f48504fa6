from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.room.answers import front_page_context
from meetings.todo import next_meeting

from .changelog import changes_of
from .erasure import leader_erase, leader_erasure_preview
from .forms import CapacityForm, DepartmentForm, RegisterUploadForm, RoleForm
from .frontpage import sections_for
from .models import (
    CHEF_GROUP_ROLES,
    Capacity,
    CapacityChange,
    Department,
    Erasure,
    Leader,
    RegisterImport,
    Role,
    RoleChange,
)
from .mydata import personal_data, personal_data_zip
from .permissions import (
    get_leader_to_erase,
    get_register_import_for_user,
    require_administration,
    require_administrator,
    require_register_manager,
)
from .retention import rules
from .services import (
    RegisterAlreadyApplied,
    capacity_set,
    department_create,
    department_delete,
    department_rename,
    department_set_active,
    register_import_apply,
    register_import_store,
    register_plan,
    role_set,
)


@login_required
def home(request):
    today = timezone.localdate()
    context = {
        **front_page_context(request.user),
        "today": today,
        "next_meeting": next_meeting(request.user, today),
        "sections": sections_for(request.user, today),
    }
    return render(request, "organisation/home.html", context)


@login_required
def profile(request):
    return render(request, "organisation/profile.html", {"leader": request.user})


@login_required
def leader_list(request):
    require_register_manager(request.user)
    leaders = Leader.objects.select_related("department", "reports_to").order_by(
        "department__name", "last_name", "first_name"
    )
    query = request.GET.get("q", "").strip()
    if query:
        leaders = leaders.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(job_title__icontains=query)
            | Q(workplace__icontains=query)
        )
    page = Paginator(leaders, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisation/leader_list.html",
        {"page": page, "query": query, "today": timezone.localdate()},
    )


@login_required
def register_upload(request):
    require_register_manager(request.user)
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = register_plan(content=content, filename=upload.name)
        if plan.is_valid:
            register_import = register_import_store(
                file_name=upload.name, content=content, plan=plan, by=request.user
            )
            return redirect("organisation:register_preview", pk=register_import.pk)
        errors = plan.errors
    imports = RegisterImport.objects.select_related("uploaded_by", "applied_by")[:10]
    return render(
        request,
        "organisation/register_upload.html",
        {"form": form, "errors": errors, "imports": imports},
    )


@login_required
def register_preview(request, pk: int):
    register_import = get_register_import_for_user(request.user, pk)
    if register_import.content_removed_at:
        return _file_removed(request)
    plan = register_plan(content=bytes(register_import.content), filename=register_import.file_name)
    return render(
        request,
        "organisation/register_preview.html",
        {"register_import": register_import, "plan": plan},
    )


@require_POST
@login_required
def register_apply(request, pk: int):
    register_import = get_register_import_for_user(request.user, pk)
    if register_import.content_removed_at:
        return _file_removed(request)
    try:
        plan = register_import_apply(register_import=register_import, by=request.user)
    except RegisterAlreadyApplied:
        messages.warning(request, _("This file has already been applied."))
        return redirect("organisation:register_preview", pk=pk)
    if not plan.is_valid:
        messages.error(request, _("The register has changed since the preview; nothing was saved."))
        return redirect("organisation:register_preview", pk=pk)
    messages.success(
        request,
        _("The register is updated: %(new)s new, %(changed)s changed, %(leaving)s leaving.")
        % plan.summary(),
    )
    return redirect("organisation:leader_list")


def _file_removed(request):
    messages.info(
        request,
        _("The file has been removed after its retention period; the import's summary is kept."),
    )
    return redirect("organisation:register_upload")


@login_required
def my_data(request):
    """Everything stored about the signed-in person; nobody can ask for another's."""
    return render(request, "organisation/my_data.html", {"sections": personal_data(request.user)})


@login_required
def my_data_download(request):
    response = HttpResponse(personal_data_zip(request.user), content_type="application/zip")
    name = f"mine-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def retention(request):
    require_administrator(request.user)
    return render(
        request,
        "organisation/retention.html",
        {"rules": rules(), "erasures": Erasure.objects.select_related("leader", "by")[:20]},
    )


@login_required
def leader_erase_view(request, pk: int):
    """An administrator erases a person who has left, ahead of time, after a preview."""
    leader = get_leader_to_erase(request.user, pk)
    preview = leader_erasure_preview(leader)
    if request.method == "POST":
        try:
            leader_erase(leader=leader, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("organisation:erase", pk=pk)
        messages.success(request, _("The person's details are removed; the erasure is logged."))
        return redirect("organisation:retention")
    return render(request, "organisation/erase.html", {"preview": preview})


@login_required
def capacities(request):
    require_administrator(request.user)
    form = CapacityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = capacity_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            data = form.cleaned_data
            values = {"person": data["leader"], "capacity": Capacity(data["capacity"]).label}
            if change is None:
                messages.info(request, _("Nothing changed: %(person)s already stood so.") % values)
            elif change.granted:
                messages.success(request, _("%(person)s is now also %(capacity)s.") % values)
            else:
                messages.success(request, _("%(person)s is no longer %(capacity)s.") % values)
            return redirect("organisation:capacities")
    holders = [
        (capacity, Leader.objects.active().filter(**{capacity.field_name: True}))
        for capacity in Capacity
    ]
    log = CapacityChange.objects.select_related("leader", "by")[:100]
    return render(
        request,
        "organisation/capacities.html",
        {"form": form, "holders": holders, "log": log},
    )


@login_required
def administration(request):
    """The administrators' and HR's pages in one list, instead of the Django admin."""
    require_administration(request.user)
    return render(request, "organisation/administration.html")


@login_required
def departments(request):
    require_administrator(request.user)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = department_create(name=form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The department %s is added.") % department.name)
            return redirect("organisation:departments")
    working = Leader.objects.active_on(timezone.localdate())
    listed = Department.objects.annotate(
        people=Count("leaders", filter=Q(leaders__in=working))
    ).order_by("-active", "name")
    return render(
        request,
        "organisation/departments.html",
        {"departments": listed, "form": form, "log": changes_of(Department)},
    )


@login_required
def department(request, pk: int):
    """Rename a department; close, open or delete it (each refused with its reason)."""
    require_administrator(request.user)
    department = get_object_or_404(Department, pk=pk)
    form = DepartmentForm(request.POST or None, initial={"name": department.name})
    if request.method == "POST" and form.is_valid():
        try:
            department_rename(
                department=department, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The department is saved."))
            return redirect("organisation:departments")
    return render(
        request,
        "organisation/department.html",
        {"department": department, "form": form, "in_use": department.in_use()},
    )


@require_POST
@login_required
def department_active(request, pk: int):
    require_administrator(request.user)
    department = get_object_or_404(Department, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        department_set_active(department=department, active=active, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organisation:department", pk=pk)
    if active:
        messages.success(request, _("The department %s is open again.") % department.name)
    else:
        messages.success(request, _("The department %s is closed.") % department.name)
    return redirect("organisation:departments")


@require_POST
@login_required
def department_delete_view(request, pk: int):
    require_administrator(request.user)
    department = get_object_or_404(Department, pk=pk)
    try:
        department_delete(department=department, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organisation:department", pk=pk)
    messages.success(request, _("The department %s is deleted.") % department.name)
    return redirect("organisation:departments")


@login_required
def roles(request):
    """Positions by hand: who is a chef or a director, besides what the register file says."""
    require_administrator(request.user)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        leader = form.cleaned_data["leader"]
        try:
            change = role_set(leader=leader, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            values = {"person": leader.full_name, "role": Role(form.cleaned_data["role"]).label}
            if change is None:
                messages.info(
                    request, _("Nothing changed: %(person)s is already %(role)s.") % values
                )
            else:
                messages.success(request, _("%(person)s is now %(role)s.") % values)
            return redirect("organisation:roles")
    chef_group = (
        Leader.objects.active()
        .filter(role__in=CHEF_GROUP_ROLES)
        .select_related("department")
        .order_by("role", "first_name", "last_name")
    )
    log = RoleChange.objects.select_related("leader", "by")[:100]
    return render(
        request,
        "organisation/roles.html",
        {"form": form, "chef_group": chef_group, "log": log},
    )
