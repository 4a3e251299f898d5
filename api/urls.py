"""The open-data API: /api/v1/ (read for everyone, write for conveners with a token), the
OpenAPI schema at /api/schema/, Swagger UI at /api/docs/ and Redoc at /api/redoc/ (served from
drf-spectacular-sidecar, no CDN; no inline script, see the Content-Security-Policy in settings)."""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api.views.announcements import AnnouncementViewSet, CalendarViewSet, ResultNoticeViewSet
from api.views.cases import CaseViewSet
from api.views.deliberations import CampaignViewSet, SessionViewSet
from api.views.departments import DepartmentViewSet
from api.views.figures import MediaReportViewSet, OpenDataZipView, StatsView, VisitViewSet
from api.views.issues import IssueCategoryViewSet, IssueViewSet, OutcomeViewSet
from api.views.members import MemberViewSet
from api.views.rooms import CommunityViewSet, RoomViewSet, SectorViewSet, StreetViewSet
from api.views.root import ApiRootView, ApiVersionsView

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.include_format_suffixes = False
router.register("streets", StreetViewSet, basename="street")
router.register("communities", CommunityViewSet, basename="community")
router.register("sectors", SectorViewSet, basename="sector")
router.register("rooms", RoomViewSet, basename="room")
router.register("sessions", SessionViewSet, basename="session")
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("issues", IssueViewSet, basename="issue")
router.register("issue-categories", IssueCategoryViewSet, basename="issuecategory")
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("departments", DepartmentViewSet, basename="department")
router.register("media-reports", MediaReportViewSet, basename="mediareport")
router.register("visits", VisitViewSet, basename="visit")
router.register("cases", CaseViewSet, basename="case")
router.register("members", MemberViewSet, basename="member")
router.register("announcements", AnnouncementViewSet, basename="announcement")
router.register("result-notices", ResultNoticeViewSet, basename="resultnotice")
router.register("calendar", CalendarViewSet, basename="calendar")

# Redoc's bundle writes its styles into <style> elements and runs its search in a worker made
# from a blob: URL. This page alone lets in styles carrying the request's nonce (handed to them
# by static/js/redoc-csp.js) and blob: workers; scripts stay 'self' only.
redoc_view = csp_update({"style-src": [NONCE], "worker-src": ["'self'", "blob:"]})(
    SpectacularRedocView.as_view(url_name="api:schema")
)

app_name = "api"

urlpatterns = [
    # The front doors: /api/ lists the versions, /api/v1/ the endpoints (the router's own root is off).
    path("", ApiVersionsView.as_view(), name="versions"),
    path("v1/", ApiRootView.as_view(registry=router.registry), name="root"),
    path("v1/", include(router.urls)),
    path("v1/stats/", StatsView.as_view(), name="stats"),
    path("v1/export/opendata.zip", OpenDataZipView.as_view(), name="opendata-zip"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's init script as its own request (docs/?script=): the
    # Content-Security-Policy (script-src 'self') forbids an inline one.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", redoc_view, name="redoc"),
]
