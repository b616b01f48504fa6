"""The confidential room's pages. Every read of a record is written to the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import Meeting
from meetings.permissions import require_administrator
from nyborg_ledelse.views import show_errors

from .disclosure import (
    evaluation_is_closed,
    evaluation_progress,
    meeting_evaluation,
    seminar_evaluation,
    survey_is_closed,
    survey_table,
)
from .disclosure import round_evaluations as round_evaluations_table
from .forms import (
    ChefAnswerForm,
    CommentForm,
    CommitmentsForm,
    EvaluationForm,
    FeedbackForm,
    ShareForm,
    SummaryForm,
    SurveyAttachForm,
    SurveyForm,
)
from .models import AccessLog, ChefGroupAnswer, Feedback, Summary
from .permissions import (
    get_chef_answer_to_read,
    get_meeting_in_room,
    get_mention_for_person,
    get_round_for_chef_group,
    get_seminar_in_room,
    get_survey_results,
    get_survey_to_answer,
    may_evaluate,
    may_evaluate_seminar,
    may_read_feedback,
    may_read_summary,
    may_see_group_evaluations,
    may_see_seminar_evaluation,
    may_write_records,
)
from .reports import report_docx, report_pdf
from .reports import round_report as compiled_report
from .services import (
    CommentWindowOpen,
    EditConflict,
    checked_texts,
    chef_answer_publish,
    chef_answer_save,
    comment_days_default,
    evaluation_submit,
    feedback_release,
    feedback_save,
    log_access,
    mention_answer,
    mention_ask,
    summary_comment,
    summary_publish,
    summary_save,
    summary_share,
    survey_attach_to_round,
    survey_submit,
)
from .surveys import SURVEYS


def _questions(meeting: Meeting):
    return list(meeting.round.questions.all())


@login_required
def summary_detail(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_read_summary)
    summary = Summary.objects.filter(meeting=meeting).select_related("updated_by").first()
    if summary is not None:
        log_access(request.user, AccessLog.What.SUMMARY, meeting=meeting)
    is_host = may_write_records(request.user, meeting)
    context = {
        "meeting": meeting,
        "summary": summary,
        "items": {str(i.number): i for i in meeting.round.agenda_items.all()},
        "questions": _questions(meeting),
        "comments": summary.comments.select_related("author") if summary else [],
        "commitments": summary.commitments.select_related("due_meeting") if summary else [],
        "follow_ups": summary.follow_ups.all() if summary else [],
        "comment_form": CommentForm()
        if summary and summary.status == Summary.Status.COMMENTING
        else None,
        "is_host": is_host,
        "checked": checked_texts(meeting, "summary", summary.texts())
        if summary and is_host
        else [],
        "share_form": ShareForm(initial={"days": comment_days_default()}),
    }
    return render(request, "room/summary_detail.html", context)


@login_required
def summary_edit(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_write_records)
    summary = Summary.objects.filter(meeting=meeting).select_related("updated_by").first()
    form = SummaryForm(
        request.POST or None,
        items=list(meeting.round.agenda_items.all()),
        questions=_questions(meeting),
        summary=summary,
        initial={
            "version": summary.version if summary else None,
            **({f: getattr(summary, f) for f in ("talked_about", "why")} if summary else {}),
        },
    )
    commitments = CommitmentsForm(request.POST or None, meeting=meeting, summary=summary)
    return _edit_record(
        request,
        meeting,
        form,
        parts=[commitments],
        record=summary,
        save=summary_save,
        document="summary",
        saved=_("The summary is saved."),
    )


@require_POST
@login_required
def summary_share_view(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_write_records)
    form = ShareForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the group between 1 and 30 days to comment."))
        summary_share(meeting=meeting, by=request.user, days=form.cleaned_data["days"])
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The draft is shared with the group for comments."))
    return redirect("room:summary", pk=pk)


@require_POST
@login_required
def summary_comment_view(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_read_summary)
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write a comment."))
        summary_comment(meeting=meeting, author=request.user, text=form.cleaned_data["text"])
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Your comment is added."))
    return redirect("room:summary", pk=pk)


@require_POST
@login_required
def summary_publish_view(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_write_records)
    try:
        summary_publish(
            meeting=meeting, by=request.user, confirmed=request.POST.get("confirmed") == "1"
        )
    except CommentWindowOpen as window:
        return render(
            request,
            "room/summary_publish_confirm.html",
            {"meeting": meeting, "summary": window.summary, "silent": window.silent},
        )
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The summary is published to the group."))
    return redirect("room:summary", pk=pk)


@login_required
def feedback_detail(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_read_feedback)
    feedback = Feedback.objects.filter(meeting=meeting).first()
    if feedback is not None:
        log_access(request.user, AccessLog.What.FEEDBACK, meeting=meeting)
    is_host = may_write_records(request.user, meeting)
    context = {
        "meeting": meeting,
        "feedback": feedback,
        "questions": _questions(meeting),
        "is_host": is_host,
        "checked": checked_texts(meeting, "feedback", feedback.texts())
        if feedback and is_host
        else [],
    }
    return render(request, "room/feedback_detail.html", context)


@login_required
def feedback_edit(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_write_records)
    feedback = Feedback.objects.filter(meeting=meeting).select_related("updated_by").first()
    form = FeedbackForm(
        request.POST or None,
        questions=_questions(meeting),
        feedback=feedback,
        initial={
            "version": feedback.version if feedback else None,
            "text": feedback.text if feedback else "",
            "nothing_to_report": feedback.nothing_to_report if feedback else False,
        },
    )
    return _edit_record(
        request,
        meeting,
        form,
        record=feedback,
        save=feedback_save,
        document="feedback",
        saved=_("The feedback is saved. The chef group sees it once you release it."),
    )


def _edit_record(request, meeting, form, *, record, save, document: str, saved: str, parts=()):
    """Save a summary or feedback; if someone saved since the form was opened, show their version
    beside mine and let a second save replace it deliberately."""
    conflict = None
    if request.method == "POST" and all([form.is_valid(), *(p.is_valid() for p in parts)]):
        fields = form.fields_to_save()
        for part in parts:
            fields.update(part.fields_to_save())
        try:
            save(
                meeting=meeting,
                by=request.user,
                version=form.cleaned_data["version"],
                **fields,
            )
        except EditConflict as error:
            conflict = error.current
            form.add_error(None, error)
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved)
            return redirect(f"room:{document}", pk=meeting.pk)
    if record is not None or conflict is not None:
        # The form shows the text: reading it through the edit page is a read like any other.
        what = AccessLog.What.SUMMARY if document == "summary" else AccessLog.What.FEEDBACK
        log_access(request.user, what, meeting=meeting)
    return render(
        request,
        "room/record_form.html",
        {
            "meeting": meeting,
            "form": form,
            "parts": parts,
            "conflict": conflict,
            "document": document,
        },
    )


@require_POST
@login_required
def feedback_release_view(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_write_records)
    try:
        feedback_release(meeting=meeting, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request, _("The feedback is released to the chef group as agreed by the group.")
        )
    return redirect("room:feedback", pk=pk)


@require_POST
@login_required
def mention_ask_view(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_write_records)
    document = request.POST.get("document", "")
    try:
        agreement = mention_ask(
            meeting=meeting,
            document=document,
            text_index=int(request.POST.get("text_index", "")),
            start=int(request.POST.get("start", "")),
            by=request.user,
        )
    except ValueError:
        messages.error(request, _("Choose a marked place."))
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is asked whether the sentence may stay.")
            % {"name": agreement.person.full_name},
        )
    if document not in ("summary", "feedback"):
        return redirect(meeting)
    return redirect(f"room:{document}", pk=pk)


@login_required
def mention_detail(request, pk: int):
    agreement = get_mention_for_person(request.user, pk)
    return render(request, "room/mention.html", {"agreement": agreement})


@require_POST
@login_required
def mention_answer_view(request, pk: int):
    agreement = get_mention_for_person(request.user, pk)
    answer = request.POST.get("answer")
    try:
        if answer not in ("agree", "decline"):
            raise ValidationError(_("Answer yes or no."))
        mention_answer(agreement=agreement, by=request.user, agree=answer == "agree")
    except ValidationError as error:
        show_errors(request, error)
    else:
        if answer == "agree":
            messages.success(request, _("Thank you. The host may keep the sentence."))
        else:
            messages.success(request, _("Thank you. The host is told to rewrite the sentence."))
    return redirect("room:mention", pk=pk)


@login_required
def evaluate(request, pk: int):
    return _evaluate(request, get_meeting_in_room(request.user, pk, may=may_evaluate))


@login_required
def seminar_evaluate(request, pk: int):
    return _evaluate(request, get_seminar_in_room(request.user, pk, may=may_evaluate_seminar))


def _evaluate(request, meeting: Meeting):
    answered = meeting.evaluation_receipts.filter(leader=request.user).exists()
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit(meeting=meeting, leader=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your evaluation is saved anonymously."))
            return redirect(meeting)
    context = {
        "meeting": meeting,
        "form": form,
        "answered": answered,
        "closed": evaluation_is_closed(meeting),
    }
    return render(request, "room/evaluate.html", context)


@login_required
def meeting_evaluations(request, pk: int):
    meeting = get_meeting_in_room(request.user, pk, may=may_see_group_evaluations)
    cell, table = meeting_evaluation(meeting)
    log_access(request.user, AccessLog.What.EVALUATION, meeting=meeting)
    answered, asked = evaluation_progress(meeting)
    context = {
        "meeting": meeting,
        "cells": [cell] if cell else [],  # a cancelled meeting is in no round's table
        "table": table,
        "answered": answered,
        "asked": asked,
    }
    return render(request, "room/evaluations.html", context)


@login_required
def seminar_evaluations(request, pk: int):
    meeting = get_seminar_in_room(request.user, pk, may=may_see_seminar_evaluation)
    table = seminar_evaluation(meeting)
    log_access(request.user, AccessLog.What.EVALUATION, meeting=meeting)
    context = {
        "meeting": meeting,
        "cells": [table.total],
        "table": table,
        "answered": table.answered,
        "asked": table.asked,
    }
    return render(request, "room/evaluations.html", context)


@login_required
def round_evaluations(request, pk: int):
    round_ = get_round_for_chef_group(request.user, pk)
    table = round_evaluations_table(round_)
    log_access(request.user, AccessLog.What.EVALUATION, round=round_)
    context = {
        "round": round_,
        "cells": [*table.groups, table.total],
        "table": table,
        "answered": table.answered,
        "asked": table.asked,
    }
    return render(request, "room/evaluations.html", context)


@login_required
def round_report(request, pk: int):
    round_ = get_round_for_chef_group(request.user, pk)
    log_access(request.user, AccessLog.What.REPORT, round=round_)
    report = compiled_report(round_)
    return render(request, "room/report.html", {"round": round_, "report": report})


@login_required
def round_report_file(request, pk: int, format: str):
    round_ = get_round_for_chef_group(request.user, pk)
    log_access(request.user, AccessLog.What.REPORT, round=round_)
    if format == "docx":
        content = report_docx(round_)
        mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content, mimetype = report_pdf(round_), "application/pdf"
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = (
        f'attachment; filename="opsamling-{slugify(round_.title)}.{format}"'
    )
    return response


@login_required
def chef_answer_detail(request, pk: int):
    round_, answer = get_chef_answer_to_read(request.user, pk)
    return render(request, "room/chef_answer.html", {"round": round_, "answer": answer})


@login_required
def chef_answer_edit(request, pk: int):
    round_ = get_round_for_chef_group(request.user, pk)
    answer = ChefGroupAnswer.objects.filter(round=round_).select_related("updated_by").first()
    if answer is not None and answer.is_published:
        messages.info(request, _("The answer is published and can no longer be changed."))
        return redirect("room:chef_answer", pk=pk)
    form = ChefAnswerForm(
        request.POST or None, questions=list(round_.questions.all()), answer=answer
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            chef_answer_save(
                round_=round_,
                by=request.user,
                version=form.cleaned_data["version"],
                text=form.cleaned_data["text"].strip(),
                themes=form.themes(),
            )
        except EditConflict as error:
            # Their version is shown beside mine; saving again replaces it deliberately.
            conflict = error.current
            form.add_error(None, error)
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The answer is saved. Only the chef group sees it until it is published."),
            )
            return redirect("room:chef_answer", pk=pk)
    return render(
        request,
        "room/chef_answer_form.html",
        {"round": round_, "form": form, "conflict": conflict},
    )


@require_POST
@login_required
def chef_answer_publish_view(request, pk: int):
    round_ = get_round_for_chef_group(request.user, pk)
    try:
        chef_answer_publish(round_=round_, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("The answer is published; every leader is told."))
    return redirect("room:chef_answer", pk=pk)


@require_POST
@login_required
def survey_attach(request, pk: int):
    round_ = get_round_for_chef_group(request.user, pk)
    form = SurveyAttachForm(request.POST)
    if form.is_valid():
        survey_attach_to_round(round_=round_, kind=form.cleaned_data["kind"])
        messages.success(
            request, _("The survey is attached to the round; its members can answer it.")
        )
    return redirect(round_)


@login_required
def survey_answer(request, pk: int):
    survey = get_survey_to_answer(request.user, pk)
    kind = SURVEYS[survey.kind]
    answered = survey.receipts.filter(leader=request.user).exists()
    form = SurveyForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            survey_submit(
                survey=survey,
                leader=request.user,
                scores=form.scores(),
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your answers are saved anonymously."))
            return redirect("meetings:mine")
    return render(
        request,
        "room/survey_form.html",
        {
            "survey": survey,
            "kind": kind,
            "form": form,
            "answered": answered,
            "closed": survey_is_closed(survey),
        },
    )


@login_required
def survey_results_view(request, pk: int):
    survey = get_survey_results(request.user, pk)
    log_access(request.user, AccessLog.What.SURVEY, survey=survey)
    table = survey_table(survey)
    kind = SURVEYS[survey.kind]
    rows = [
        (statement, [c.averages[i] if c.shown and c.averages else None for c in table.columns])
        for i, statement in enumerate(kind.statements)
    ]
    # Who has not answered is told only as a count: names would say who did.
    context = {
        "survey": survey,
        "kind": kind,
        "table": table,
        "rows": rows,
        "answered": table.answered,
        "asked": table.asked,
    }
    return render(request, "room/survey_results.html", context)


@login_required
def access_log(request):
    require_administrator(request.user)
    entries = AccessLog.objects.select_related("who", "meeting__group", "round", "survey")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "room/access_log.html", {"page": page})
