from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.my_meetings, name="mine"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/agenda/", views.agenda_edit, name="agenda"),
    path("rounds/<int:pk>/materials/", views.material_add, name="material_add"),
    path("rounds/<int:pk>/questions/", views.question_add, name="question_add"),
    path("rounds/<int:pk>/plan/", views.round_plan_view, name="plan"),
    path("rounds/<int:pk>/publish/", views.round_publish_view, name="publish"),
    path("rounds/<int:pk>/programme/", views.programme_edit, name="programme"),
    path("template/", views.template_edit, name="template"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/move/", views.meeting_move_view, name="move"),
    path("<int:pk>/cancel/", views.meeting_cancel_view, name="cancel"),
    path("<int:pk>/apology/", views.apology_view, name="apology"),
    path("<int:pk>/hand-over/", views.hand_over_view, name="hand_over"),
    path("<int:pk>/stand-in/", views.stand_in_view, name="stand_in"),
    path("<int:pk>/attendance/", views.attendance_view, name="attendance"),
    path("attendance/", views.attendance_overview, name="attendance_overview"),
    path("rooms/", views.room_list, name="rooms"),
    path("rooms/<int:pk>/", views.room_edit, name="room_edit"),
    path("calendar/renew/", views.feed_renew, name="feed_renew"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
