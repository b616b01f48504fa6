"""The confidential room's pages, under the meetings' paths they always had."""

from django.urls import path

from . import exercise_views, views

app_name = "room"

urlpatterns = [
    path("<int:pk>/summary/", views.summary_detail, name="summary"),
    path("<int:pk>/summary/edit/", views.summary_edit, name="summary_edit"),
    path("<int:pk>/summary/share/", views.summary_share_view, name="summary_share"),
    path("<int:pk>/summary/comment/", views.summary_comment_view, name="summary_comment"),
    path("<int:pk>/summary/publish/", views.summary_publish_view, name="summary_publish"),
    path("<int:pk>/feedback/", views.feedback_detail, name="feedback"),
    path("<int:pk>/feedback/edit/", views.feedback_edit, name="feedback_edit"),
    path("<int:pk>/feedback/release/", views.feedback_release_view, name="feedback_release"),
    path("<int:pk>/mentions/ask/", views.mention_ask_view, name="mention_ask"),
    path("mentions/<int:pk>/", views.mention_detail, name="mention"),
    path("mentions/<int:pk>/answer/", views.mention_answer_view, name="mention_answer"),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("<int:pk>/evaluations/", views.meeting_evaluations, name="evaluations"),
    path("rounds/<int:pk>/evaluations/", views.round_evaluations, name="round_evaluations"),
    path("seminar/<int:pk>/evaluate/", views.seminar_evaluate, name="seminar_evaluate"),
    path("seminar/<int:pk>/evaluations/", views.seminar_evaluations, name="seminar_evaluations"),
    path("rounds/<int:pk>/report/", views.round_report, name="report"),
    path(
        "rounds/<int:pk>/report.docx",
        views.round_report_file,
        {"format": "docx"},
        name="report_docx",
    ),
    path(
        "rounds/<int:pk>/report.pdf", views.round_report_file, {"format": "pdf"}, name="report_pdf"
    ),
    # The chef group's answer to the report, published to every leader.
    path("rounds/<int:pk>/answer/", views.chef_answer_detail, name="chef_answer"),
    path("rounds/<int:pk>/answer/edit/", views.chef_answer_edit, name="chef_answer_edit"),
    path(
        "rounds/<int:pk>/answer/publish/",
        views.chef_answer_publish_view,
        name="chef_answer_publish",
    ),
    path("rounds/<int:pk>/surveys/", views.survey_attach, name="survey_attach"),
    path("surveys/<int:pk>/", views.survey_answer, name="survey"),
    path("surveys/<int:pk>/results/", views.survey_results_view, name="survey_results"),
    path("access-log/", views.access_log, name="access_log"),
    # The workshop's exercises (seed 003), run in the meeting with the group.
    path("<int:pk>/exercises/", exercise_views.exercises, name="exercises"),
    path("<int:pk>/exercises/new/", exercise_views.exercise_new, name="exercise_new"),
    path("exercises/<int:pk>/", exercise_views.exercise_detail, name="exercise"),
    path("exercises/<int:pk>/answer/", exercise_views.exercise_answer_view, name="exercise_answer"),
    path("exercises/<int:pk>/mark/", exercise_views.exercise_mark_view, name="exercise_mark"),
    path("exercises/<int:pk>/close/", exercise_views.exercise_close_view, name="exercise_close"),
    path(
        "exercises/<int:pk>/summary/", exercise_views.exercise_summary_view, name="exercise_summary"
    ),
]
