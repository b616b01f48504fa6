from django.urls import path

from . import views

app_name = "topicbank"

urlpatterns = [
    path("", views.topic_list, name="list"),
    path("propose/", views.topic_propose, name="propose"),
    path("board/", views.board, name="board"),
    path("<int:pk>/", views.topic_detail, name="detail"),
    path("<int:pk>/edit/", views.topic_edit, name="edit"),
    path("<int:pk>/support/", views.topic_support, name="support"),
    path("<int:pk>/move/", views.topic_move_view, name="move"),
    path("<int:pk>/files/<int:file_pk>/", views.topic_file, name="file"),
]
