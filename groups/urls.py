from django.urls import path

from . import views

app_name = "groups"

urlpatterns = [
    path("mine/", views.my_group, name="mine"),
    path("<int:pk>/", views.group_detail, name="detail"),
    path("<int:pk>/contract/", views.contract_edit, name="contract"),
    path("hosts/", views.hosts, name="hosts"),
    path("<int:pk>/hosting/", views.hosting, name="hosting"),
    path("<int:pk>/hosting/appoint/", views.hosting_appoint_view, name="hosting_appoint"),
    path("<int:pk>/hosting/<int:hosting>/end/", views.hosting_end_view, name="hosting_end"),
    path("overview/", views.overview, name="overview"),
    path("overview/move/", views.move_view, name="move"),
    path("proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/apply/", views.proposal_apply_view, name="proposal_apply"),
    path("proposals/<int:pk>/discard/", views.proposal_discard_view, name="proposal_discard"),
    path("proposals/<int:pk>/unpin/", views.proposal_unpin_view, name="proposal_unpin"),
]
