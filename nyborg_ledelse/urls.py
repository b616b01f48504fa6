from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from nyborg_ledelse.organisation import views as organisation_views

# The Django admin logs in through allauth, with its rate limits and Entra ID.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Ledelsesrum"

# Danish pages in the layout instead of Django's bare English ones (nyborg_ledelse/errors.py).
handler400 = "nyborg_ledelse.errors.bad_request"
handler403 = "nyborg_ledelse.errors.permission_denied"
handler404 = "nyborg_ledelse.errors.page_not_found"
handler500 = "nyborg_ledelse.errors.server_error"

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("", include("nyborg_ledelse.organisation.urls")),
    path("", include("nyborg_ledelse.notifications.urls")),
    path("topics/", include("topicbank.urls")),
    path("groups/", include("groups.urls")),
    path("meetings/", include("meetings.urls")),
    # The confidential room shares the meetings' paths, so old links keep working.
    path("meetings/", include("meetings.room.urls")),
    path("support/development/", include("coaching.development.urls")),
    path("support/", include("coaching.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
