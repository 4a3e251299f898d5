"""The URLconf of the page benchmark (scripts/bench_pages.sh) only: the site's URLs plus a bare
view that answers without templates, database or cache, the ceiling the pages are compared with.
Production never loads it (ROOT_URLCONF stays chongchuan.urls)."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare/", bare),
    path("", include("chongchuan.urls")),
]
