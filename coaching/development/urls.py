from django.urls import path

from . import views

app_name = "development"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("leaders/<int:pk>/", views.leader_detail, name="leader"),
    path("introduction/<int:pk>/", views.introduction, name="introduction"),
    path("introduction/<int:pk>/items/new/", views.item_new, name="item_new"),
    path("introduction/items/<int:pk>/", views.item_edit, name="item_edit"),
    path("introduction/items/<int:pk>/done/", views.item_done, name="item_done"),
    path("introduction/items/<int:pk>/comment/", views.item_comment_view, name="item_comment"),
    path("foundation/", views.foundation, name="foundation"),
    path("foundation/<int:pk>/", views.foundation_view, name="foundation_view"),
    path("leaders/<int:pk>/talks/new/", views.talk_new, name="talk_new"),
    path("talks/<int:pk>/", views.talk_detail, name="talk"),
    path("talks/<int:pk>/prepare/", views.talk_prepare_view, name="talk_prepare"),
    path("talks/<int:pk>/held/", views.talk_held, name="talk_held"),
    path("talks/<int:pk>/goals/", views.talk_goal, name="talk_goal"),
    path("leaders/<int:pk>/evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/goals/", views.evaluation_goal, name="evaluation_goal"),
    path("leaders/<int:pk>/education/new/", views.agreement_new, name="agreement_new"),
    path("education/<int:pk>/", views.agreement_detail, name="agreement"),
    path("hr/", views.hr_overview, name="hr"),
    path("hr/<slug:kind>/", views.hr_texts, name="hr_texts"),
    path("hr/<slug:kind>/<int:pk>/", views.hr_texts, name="hr_text"),
]
