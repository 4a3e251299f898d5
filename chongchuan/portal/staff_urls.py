from django.urls import path, re_path

from . import staff_views

app_name = "staff"

urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("issues/<int:pk>/urge/", staff_views.urge, name="urge"),
    path("report/", staff_views.report_current, name="report-current"),
    re_path(r"^report/(?P<year>\d{4})-(?P<month>\d{1,2})/$", staff_views.report, name="report"),
    path("import/", staff_views.registry_import_view, name="import"),
    path("import/confirm/", staff_views.registry_import_confirm, name="import-confirm"),
    path("import/template.xlsx", staff_views.registry_template, name="import-template"),
    path("registry.xlsx", staff_views.registry_export, name="registry-export"),
    path("ledger/", staff_views.ledger, name="ledger"),
]
