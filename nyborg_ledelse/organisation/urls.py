from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("register/", views.leader_list, name="leader_list"),
    path("register/import/", views.register_upload, name="register_upload"),
    path("register/import/<int:pk>/", views.register_preview, name="register_preview"),
    path("register/import/<int:pk>/apply/", views.register_apply, name="register_apply"),
    path("register/<int:pk>/erase/", views.leader_erase_view, name="erase"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
    path("retention/", views.retention, name="retention"),
    path("capacities/", views.capacities, name="capacities"),
    path("administration/", views.administration, name="administration"),
    path("administration/departments/", views.departments, name="departments"),
    path("administration/departments/<int:pk>/", views.department, name="department"),
    path(
        "administration/departments/<int:pk>/in-use/",
        views.department_active,
        name="department_active",
    ),
    path(
        "administration/departments/<int:pk>/delete/",
        views.department_delete_view,
        name="department_delete",
    ),
    path("administration/roles/", views.roles, name="roles"),
]
