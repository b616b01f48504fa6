from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("", views.my_support, name="mine"),
    path("coaches/", views.coach_list, name="coaches"),
    path("coaches/new/", views.coach_edit, name="coach_new"),
    path("coaches/<int:pk>/", views.coach_edit, name="coach_edit"),
    path("book/", views.book, name="book"),
    path("bookings/<int:pk>/", views.booking_edit, name="booking"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel_view, name="booking_cancel"),
    path("approvals/new/", views.approval_new, name="approval_new"),
    path("approvals/<int:pk>/", views.approval_detail, name="approval"),
    path("group/new/", views.group_new, name="group_new"),
    path("group/members/", views.member_search, name="member_search"),
    path("group/shares/<int:pk>/consent/", views.share_consent_view, name="share_consent"),
    path("psychologist/", views.psychologist, name="psychologist"),
    path("crisis/", views.crisis, name="crisis"),
    path("pool/apply/", views.pool_apply_view, name="pool_apply"),
    path("pool/<int:pk>/", views.pool_application, name="pool_application"),
    path("pool/<int:pk>/confirm-share/", views.pool_share_confirm_view, name="pool_share_confirm"),
    path("sparring/", views.sparring, name="sparring"),
    path("hr/", views.hr_overview, name="hr"),
    path("hr/pool/", views.pool_set, name="pool_set"),
    path("hr/close-year/", views.close_year, name="close_year"),
    path("hr/crisis/<int:pk>/handled/", views.crisis_handled, name="crisis_handled"),
    path("hr/sparring/<int:pk>/", views.sparring_match, name="sparring_match"),
    path("hr/export.csv", views.finance_export, {"format": "csv"}, name="export_csv"),
    path("hr/export.xlsx", views.finance_export, {"format": "xlsx"}, name="export_xlsx"),
]
