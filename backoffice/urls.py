from django.urls import path, re_path

from backoffice import views

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("issues/<int:pk>/urge/", views.urge, name="urge"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension-decide"),
    path("report/", views.report_current, name="report-current"),
    re_path(r"^report/(?P<year>\d{4})-(?P<month>\d{1,2})/$", views.report, name="report"),
    re_path(r"^report/(?P<year>\d{4})-(?P<month>\d{1,2})\.pdf$", views.report_pdf, name="report-pdf"),
    path("import/", views.registry_import_view, name="import"),
    path("import/confirm/", views.registry_import_confirm, name="import-confirm"),
    path("import/cancel/", views.registry_import_cancel, name="import-cancel"),
    path("import/template.xlsx", views.registry_template, name="import-template"),
    path("registry.xlsx", views.registry_export, name="registry-export"),
    path("ledger/", views.ledger, name="ledger"),
    path("posters/", views.room_posters, name="room-posters"),
    path("members/review/", views.member_review, name="member-review"),
]
