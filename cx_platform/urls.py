from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import views as accounts_views

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("touchpoints.api.urls")),
    path("", include("customers.api.urls")),
    path("", include("core.api.urls")),
    path("nps/", include("nps.api.urls")),
    path("", include("complaints.api.urls")),
    path("", include("feedback.api.urls")),
    path("training/", include("training.api.urls")),
    path("dashboard/", include("dashboard.api.urls")),
]

urlpatterns = [
    # The customers' public pages first: survey links are the most requested URLs and resolve without scanning the
    # staff apps' patterns (their prefixes s/, u/, c/, f/ overlap with nothing else).
    path("", include("nps.public_urls")),
    path("", include("complaints.public_urls")),
    path("", include("feedback.public_urls")),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("customers/", include("customers.urls")),
    path("touchpoints/", include("touchpoints.urls")),
    path("nps/", include("nps.urls")),
    path("complaints/", include("complaints.urls")),
    path("feedback/", include("feedback.urls")),
    path("training/", include("training.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),  # Django's, remembering the choice
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's init script as a file (?script): no inline script under the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
