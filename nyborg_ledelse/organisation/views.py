from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import RegisterUploadForm
from .models import Leader, RegisterImport
from .permissions import get_register_import_for_user, require_register_manager
from .services import (
    RegisterAlreadyApplied,
    register_import_apply,
    register_import_store,
    register_plan,
)


@login_required
def home(request):
    return render(request, "organisation/home.html")


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
    return render(request, "organisation/leader_list.html", {"page": page, "query": query})


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
