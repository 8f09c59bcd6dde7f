"""The platform's URLs plus /bench/ping/: a trivial view through the same middleware, for the ratio."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from cx_platform.urls import urlpatterns as platform_urlpatterns


@csrf_exempt
def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ping/", ping), *platform_urlpatterns]
