from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nyborg_ledelse.organisation.models import Leader
from nyborg_ledelse.views import show_errors

from . import reports
from .forms import (
    AgreementForm,
    CommentForm,
    FoundationForm,
    FoundationTextForm,
    GoalForm,
    HeldForm,
    ItemForm,
    PreparationForm,
    TalkForm,
    TalkQuestionForm,
    TemplateItemForm,
)
from .models import (
    Agreement,
    Evaluation,
    FoundationText,
    PersonalFoundation,
    Programme,
    Talk,
    TalkQuestion,
    TemplateItem,
    evaluation_due_year,
)
from .permissions import (
    get_agreement_for_user,
    get_evaluation_for_user,
    get_foundation_for_user,
    get_item_for_user,
    get_leader_for_user,
    get_programme_for_user,
    get_report_for_manager,
    get_talk_for_user,
    require_hr,
)
from .services import (
    agreement_save,
    evaluation_record,
    foundation_save,
    goal_add,
    hr_text_save,
    item_add,
    item_comment,
    item_mark,
    item_update,
    talk_book,
    talk_mark_held,
    talk_prepare,
)


def _development_of(leader: Leader) -> dict:
    """What the leader and their manager both see of the leader's development."""
    return {
        "subject": leader,
        "programme": Programme.objects.filter(leader=leader).first(),
        "talks": Talk.objects.filter(leader=leader).prefetch_related("goals"),
        "evaluations": Evaluation.objects.filter(leader=leader).prefetch_related("goals"),
        "evaluation_due": evaluation_due_year(leader),
        "agreements": Agreement.objects.filter(leader=leader),
    }


@login_required
def mine(request):
    """The leader's own development, and as a manager the direct reports'."""
    user = request.user
    reports_ = Leader.objects.active().filter(reports_to=user).select_related("introduction")
    foundation = PersonalFoundation.objects.filter(leader=user).first()
    return render(
        request,
        "development/mine.html",
        {
            **_development_of(user),
            "foundation": foundation,
            "reports": reports_,
            "year": timezone.localdate().year,
        },
    )


@login_required
def leader_detail(request, pk: int):
    leader = get_leader_for_user(request.user, pk)
    foundation = PersonalFoundation.objects.filter(leader=leader, share_with_manager=True).first()
    return render(
        request,
        "development/leader.html",
        {
            **_development_of(leader),
            "is_manager": leader.pk != request.user.pk,
            "shared_foundation": foundation if leader.pk != request.user.pk else None,
        },
    )


@login_required
def introduction(request, pk: int):
    programme = get_programme_for_user(request.user, pk)
    is_manager = programme.leader_id != request.user.pk
    items = programme.items.prefetch_related("comments__author").select_related("done_by")
    return render(
        request,
        "development/introduction.html",
        {
            "programme": programme,
            "items": items,
            "is_manager": is_manager,
            "progress": programme.progress(),
            "today": timezone.localdate(),
            "comment_form": CommentForm(),
        },
    )


@login_required
def item_new(request, pk: int):
    programme = get_programme_for_user(request.user, pk, write=True)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item_add(
            programme=programme,
            title=data["title"],
            description=data["description"],
            due_date=data["due_date"],
        )
        messages.success(request, _("The item is added to the introduction."))
        return redirect("development:introduction", pk=programme.pk)
    return render(
        request,
        "development/form.html",
        {
            "form": form,
            "title": _("Plan an item for %(name)s") % {"name": programme.leader.full_name},
            "back": programme.get_absolute_url(),
        },
    )


@login_required
def item_edit(request, pk: int):
    item = get_item_for_user(request.user, pk, write=True)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item_update(
            item=item,
            title=data["title"],
            description=data["description"],
            due_date=data["due_date"],
        )
        messages.success(request, _("The item is saved."))
        return redirect("development:introduction", pk=item.programme_id)
    return render(
        request,
        "development/form.html",
        {"form": form, "title": _("Change the item"), "back": item.programme.get_absolute_url()},
    )


@require_POST
@login_required
def item_done(request, pk: int):
    item = get_item_for_user(request.user, pk)
    done = request.POST.get("done") == "1"
    item_mark(item=item, by=request.user, done=done)
    messages.success(
        request,
        _("“%(title)s” is marked as done.") % {"title": item.title}
        if done
        else _("“%(title)s” is open again.") % {"title": item.title},
    )
    return redirect(f"{item.programme.get_absolute_url()}#item-{item.pk}")


@require_POST
@login_required
def item_comment_view(request, pk: int):
    item = get_item_for_user(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            item_comment(item=item, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Your comment is saved."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(f"{item.programme.get_absolute_url()}#item-{item.pk}")


@login_required
def foundation(request):
    """The leader's own foundation beside the municipality's; private unless shared."""
    own = PersonalFoundation.objects.filter(leader=request.user).first()
    current = own.current() if own else None
    form = FoundationForm(
        request.POST or None,
        initial={
            "text": current.text if current else "",
            "share_with_manager": own.share_with_manager if own else False,
            "share_with_group": own.share_with_group if own else False,
        },
    )
    if request.method == "POST" and form.is_valid():
        foundation_save(leader=request.user, **form.cleaned_data)
        messages.success(request, _("Your leadership foundation is saved."))
        return redirect("development:foundation")
    return render(
        request,
        "development/foundation.html",
        {
            "form": form,
            "own": own,
            "versions": own.versions.all() if own else [],
            "texts": FoundationText.objects.all(),
        },
    )


@login_required
def foundation_view(request, pk: int):
    shared = get_foundation_for_user(request.user, pk)
    return render(
        request,
        "development/foundation_view.html",
        {"shared": shared, "current": shared.current(), "texts": FoundationText.objects.all()},
    )


@login_required
def talk_new(request, pk: int):
    leader = get_report_for_manager(request.user, pk)
    form = TalkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            talk = talk_book(leader=leader, manager=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The talk is booked; the leader is told by e-mail."))
            return redirect("development:talk", pk=talk.pk)
    return render(
        request,
        "development/form.html",
        {
            "form": form,
            "title": _("Book a development talk with %(name)s") % {"name": leader.full_name},
            "back": reverse("development:leader", args=[leader.pk]),
        },
    )


@login_required
def talk_detail(request, pk: int):
    talk = get_talk_for_user(request.user, pk)
    is_leader = talk.leader_id == request.user.pk
    return render(
        request,
        "development/talk.html",
        {
            "talk": talk,
            "is_leader": is_leader,
            "preparation": talk.preparation.all(),
            "goals": talk.goals.all(),
            "goal_form": GoalForm(),
            "held_form": HeldForm(initial={"held_on": timezone.localdate()}),
        },
    )


@login_required
def talk_prepare_view(request, pk: int):
    talk = get_talk_for_user(request.user, pk, as_leader=True)
    form = PreparationForm(request.POST or None, rows=talk.preparation.all())
    if request.method == "POST" and form.is_valid():
        talk_prepare(talk=talk, answers=form.answers())
        messages.success(request, _("Your preparation is saved."))
        return redirect("development:talk", pk=talk.pk)
    return render(
        request,
        "development/form.html",
        {
            "form": form,
            "title": _("Prepare your development talk"),
            "back": talk.get_absolute_url(),
        },
    )


@require_POST
@login_required
def talk_held(request, pk: int):
    talk = get_talk_for_user(request.user, pk, as_manager=True)
    form = HeldForm(request.POST)
    if form.is_valid():
        talk_mark_held(talk=talk, held_on=form.cleaned_data["held_on"])
        messages.success(request, _("The talk is recorded as held."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("development:talk", pk=talk.pk)


def _add_goal(request, form: GoalForm, **source) -> None:
    if form.is_valid():
        goal_add(**source, **form.cleaned_data)
        messages.success(request, _("The goal is added."))
    else:
        messages.error(request, _("Write the goal first."))


@require_POST
@login_required
def talk_goal(request, pk: int):
    talk = get_talk_for_user(request.user, pk)
    _add_goal(request, GoalForm(request.POST), talk=talk)
    return redirect("development:talk", pk=talk.pk)


@login_required
def evaluation_new(request, pk: int):
    leader = get_report_for_manager(request.user, pk)
    form = HeldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evaluation = evaluation_record(
            leader=leader, manager=request.user, held_on=form.cleaned_data["held_on"]
        )
        messages.success(request, _("The leader evaluation is recorded."))
        return redirect("development:evaluation", pk=evaluation.pk)
    return render(
        request,
        "development/form.html",
        {
            "form": form,
            "title": _("Record a leader evaluation for %(name)s") % {"name": leader.full_name},
            "intro": gettext_lazy(
                "The evaluation itself is done with the municipality's evaluation tool; here you "
                "record that it took place and the goals that came from it."
            ),
            "back": reverse("development:leader", args=[leader.pk]),
        },
    )


@login_required
def evaluation_detail(request, pk: int):
    evaluation = get_evaluation_for_user(request.user, pk)
    return render(
        request,
        "development/evaluation.html",
        {"evaluation": evaluation, "goals": evaluation.goals.all(), "goal_form": GoalForm()},
    )


@require_POST
@login_required
def evaluation_goal(request, pk: int):
    evaluation = get_evaluation_for_user(request.user, pk)
    _add_goal(request, GoalForm(request.POST), evaluation=evaluation)
    return redirect("development:evaluation", pk=evaluation.pk)


@login_required
def agreement_new(request, pk: int):
    leader = get_report_for_manager(request.user, pk)
    agreement = Agreement(leader=leader, agreed_by=request.user)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_save(agreement=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The education agreement is saved."))
            return redirect("development:leader", pk=leader.pk)
    return render(
        request,
        "development/form.html",
        {
            "form": form,
            "title": _("Education agreement for %(name)s") % {"name": leader.full_name},
            "back": reverse("development:leader", args=[leader.pk]),
        },
    )


@login_required
def agreement_detail(request, pk: int):
    """The leader reads the agreement; the chef who manages them keeps it up to date."""
    agreement = get_agreement_for_user(request.user, pk, write=request.method == "POST")
    is_manager = agreement.leader_id != request.user.pk
    form = AgreementForm(request.POST or None, instance=agreement) if is_manager else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            agreement_save(agreement=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The education agreement is saved."))
            return redirect("development:leader", pk=agreement.leader_id)
    return render(request, "development/agreement.html", {"agreement": agreement, "form": form})


@login_required
def hr_overview(request):
    require_hr(request.user)
    year = timezone.localdate().year
    rows = reports.introductions()
    return render(
        request,
        "development/hr.html",
        {
            "year": year,
            "introductions": rows,
            "on_time": sum(1 for row in rows if row.progress.on_time),
            "rates": reports.talk_rates(year),
            "minimum": reports.MIN_LEADERS_FOR_A_RATE,
            "education": reports.education_figures(),
        },
    )


# What HR keeps for everyone: the introduction template, the leadership foundation, the LUS
# questions. One pair of views serves the three lists.
HR_TEXTS = {
    "template": (TemplateItem, TemplateItemForm, gettext_lazy("The introduction template")),
    "foundation": (
        FoundationText,
        FoundationTextForm,
        gettext_lazy("The municipality's leadership foundation"),
    ),
    "questions": (
        TalkQuestion,
        TalkQuestionForm,
        gettext_lazy("Questions for the development talk"),
    ),
}


def _hr_text_kind(kind: str):
    if kind not in HR_TEXTS:
        raise Http404
    return HR_TEXTS[kind]


def _default_number(request, rows) -> int | None:
    """?default=N picks the N-th of the municipality's unsaved defaults for editing."""
    try:
        number = int(request.GET.get("default", ""))
    except ValueError:
        return None
    if 1 <= number <= len(rows) and rows[number - 1].pk is None:
        return number
    return None


@login_required
def hr_texts(request, kind: str, pk: int | None = None):
    require_hr(request.user)
    model, form_class, title = _hr_text_kind(kind)
    # The template and the questions start from the municipality's defaults, before HR's changes.
    # (shown unsaved until HR's first change stores them: reading never writes).
    rows = getattr(model.objects, "listed", model.objects.all)()
    instance = get_object_or_404(model, pk=pk) if pk else None
    default = _default_number(request, rows) if pk is None else None
    if default:
        instance = rows[default - 1]
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        hr_text_save(text=form.save(commit=False), default=default)
        messages.success(request, _("Saved."))
        return redirect("development:hr_texts", kind=kind)
    return render(
        request,
        "development/hr_texts.html",
        {
            "kind": kind,
            "title": title,
            "rows": rows,
            "form": form,
            "editing": instance,
        },
    )
