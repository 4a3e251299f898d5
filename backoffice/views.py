"""The staff back office of 区政协机关: supervision dashboard, 催办, extension decisions, monthly
report, registry import/export and the ledger export. Anonymous users are sent to the login
page. The dashboard and the report are also open to street staff, 街道政协工委, scoped to their
street (backoffice.permissions); every other URL is staff only, and other logged-in users get 403.
"""

import os
import re
import secrets
import time
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backoffice import selectors
from backoffice.forms import ExtensionDecisionForm, LedgerForm, MemberReviewForm, RegistryImportForm, UrgeForm
from backoffice.importers import registry_import, registry_sheets, template_sheets
from backoffice.ledger import (
    LedgerFilter,
    ledger_filename,
    ledger_issues,
    ledger_outcomes,
    ledger_sessions,
    ledger_sheets,
    ledger_title,
)
from backoffice.member_review import review_filename, review_sheets, review_years
from backoffice.permissions import NotAllowed, overseen_scope
from core.confirmations import confirm_at, confirmed_at
from core.dates import long_date
from core.exports import xlsx_response
from figures.selectors import (
    breakdown_by_department,
    breakdown_by_month,
    campaign_progress,
    outcome_summary,
    running_campaign,
)
from issues.handling import extension_request_decide
from issues.models import ExtensionRequest, Issue
from issues.services import issue_urge
from members.models import ActivityKind
from members.selectors import activity_weights
from notifications.models import Delivery
from rooms.permissions import is_staff

IMPORT_FOLDER = "registry-imports"  # under PRIVATE_DATA_ROOT, one folder per user
TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")
DASHBOARD_LIST_LIMIT = 15
IMPORT_KEEP_SECONDS = 24 * 60 * 60


def staff_required(view):
    """Anonymous: redirect to login. Logged in but not staff: 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(request.user):
            raise PermissionDenied(_("只有区政协机关工作人员可以访问工作台。"))
        return view(request, *args, **kwargs)

    return wrapper


def overseer_required(view):
    """The dashboard and the report: district staff (the district, or `?street=`), street staff
    (their street; another street is a 404). The view gets `scope` (None or a Street)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            scope = overseen_scope(request.user, request.GET.get("street"))
        except NotAllowed:
            raise PermissionDenied(_("只有区政协机关工作人员和街道政协工委可以访问工作台。")) from None
        return view(request, *args, scope=scope, **kwargs)

    return wrapper


def _admin_url(name, *args, **query):
    url = reverse(f"admin:{name}", args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _department_table(scope):
    """承办单位办理情况 for the dashboard: the statistics' rows, most overdue first."""
    rows = breakdown_by_department(street=scope)
    return sorted(rows, key=lambda row: (-row["overdue"], -(row["issues_open"]), row["label"]))


@overseer_required
def dashboard(request, scope):
    """工作台 — what needs attention this week, each list linking to the admin (district staff) or
    to the public and follow-up pages (street staff)."""
    today = timezone.localdate()
    district = scope is None
    since = selectors.quiet_since(today=today)
    quiet = selectors.rooms_quiet(since, scope)
    no_convener = selectors.rooms_without_convener(scope)
    overdue = selectors.overdue_by_department(today, scope=scope)
    street_filter = {} if district else {"room__street__id__exact": scope.pk}
    for group in overdue:
        by_department = (
            {"department__id__exact": group["department"]} if group["department"] else {"department__isnull": "True"}
        )
        group["admin_url"] = _admin_url("issues_issue_changelist", overdue="yes", **by_department, **street_filter)
    queue = selectors.escalated_queue(scope)
    returned = selectors.issues_returned(scope)
    context = {
        "today": today,
        "scope": scope,
        "district": district,
        "quiet_days": (today - timezone.localtime(since).date()).days,
        "quiet_count": quiet.count(),
        "quiet_rooms": list(quiet[:DASHBOARD_LIST_LIMIT]),
        "quiet_admin_url": _admin_url("rooms_room_changelist", activity="quiet"),
        "no_convener_count": no_convener.count(),
        "no_convener_rooms": list(no_convener[:DASHBOARD_LIST_LIMIT]),
        "no_convener_admin_url": _admin_url("rooms_room_changelist", convener="none"),
        "overdue_groups": overdue,
        "overdue_total": sum(group["count"] for group in overdue),
        "overdue_admin_url": _admin_url("issues_issue_changelist", overdue="yes", **street_filter),
        "queue_count": queue.count(),
        "queue": list(queue[:DASHBOARD_LIST_LIMIT]),
        "queue_level": Issue.Triage.DISTRICT.label if district else Issue.Triage.STREET.label,
        "queue_admin_url": _admin_url(
            "issues_issue_changelist",
            triage_level__exact=Issue.Triage.DISTRICT if district else Issue.Triage.STREET,
            **street_filter,
        ),
        "returned_count": returned.count(),
        "returned": list(returned[:DASHBOARD_LIST_LIMIT]),
        "returned_admin_url": _admin_url("issues_issue_changelist", handling__exact=Issue.Handling.RETURNED),
        "departments": _department_table(scope),
        "comparison": selectors.month_comparison(today.year, today.month, scope),
        "this_month": date_format(today.replace(day=1), "YEAR_MONTH_FORMAT"),
        "last_year_month": date_format(today.replace(year=today.year - 1, day=1), "YEAR_MONTH_FORMAT"),
        "gaps": selectors.coverage_gaps(scope),
        "urge_form": UrgeForm(),
        "report_url": reverse("staff:report", args=[today.year, today.month])
        + ("" if district else f"?street={scope.pk}"),
    }
    if district:
        campaign = running_campaign(today)
        outcomes = outcome_summary()
        pipeline = {row["key"]: row for row in selectors.outcome_pipeline()}
        extensions = selectors.extensions_pending()
        context.update(
            {
                "campaign": campaign,
                "campaign_progress": campaign_progress(campaign) if campaign else None,
                "outcomes": outcomes,
                "outcome_rows": [
                    {
                        **row,
                        "pending": pipeline[row["key"]]["pending"],
                        "not_adopted": pipeline[row["key"]]["not_adopted"],
                    }
                    for row in outcomes["rows"]
                ],
                "extensions_count": extensions.count(),
                "extensions": list(extensions[:DASHBOARD_LIST_LIMIT]),
                "extension_form": ExtensionDecisionForm(),
                "deliveries_failed": selectors.deliveries_failed_count(),
                "deliveries_failed_url": _admin_url(
                    "notifications_delivery_changelist", status__exact=Delivery.Status.FAILED
                ),
            }
        )
    context["confirmed_at"] = confirmed_at(request)
    return render(request, "staff/dashboard.html", context)


@staff_required
@require_POST
def extension_decide(request, pk):
    """同意延期 / 不同意 — district staff decide a department's request for more time
    (issues.handling.extension_request_decide moves the deadline and tells the department)."""
    extension = get_object_or_404(ExtensionRequest.objects.select_related("issue", "department"), pk=pk)
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(error for errors in form.errors.values() for error in errors))
        return redirect(reverse("staff:dashboard") + "#extensions")
    approve = form.cleaned_data["decision"] == ExtensionDecisionForm.APPROVE
    try:
        extension_request_decide(
            extension=extension, author=request.user, approve=approve, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        text = (
            _("已同意延期：%(title)s，期限延至%(date)s。") if approve else _("已不同意延期：%(title)s，按原期限办理。")
        )
        messages.success(
            request, text % {"title": extension.issue.title, "date": extension.requested_due_on.strftime("%Y-%m-%d")}
        )
    return redirect(reverse("staff:dashboard") + "#extensions")


@staff_required
@require_POST
def urge(request, pk):
    """催办 — add an urging note to an open issue's timeline (issues.services.issue_urge)."""
    issue = get_object_or_404(Issue, pk=pk)
    form = UrgeForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("staff:dashboard") + "#overdue"
    if form.is_valid():
        try:
            issue_urge(issue=issue, author=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            text = _("已催办：%(title)s（%(department)s）") % {
                "title": issue.title,
                "department": issue.department or _("未指定承办单位"),
            }
            if target.endswith("#overdue"):
                confirm_at(request, "overdue", text)  # shown inside the overdue list, where the page lands
            else:
                messages.success(request, text)
    else:
        messages.error(request, _("催办说明不能超过 500 字。"))
    return redirect(target)


MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")


def _report_url(year, month, scope):
    url = reverse("staff:report", args=[year, month])
    return url if scope is None else f"{url}?street={scope.pk}"


@overseer_required
def report_current(request, scope):
    """The current month's report, or the month picked in the form (?month=2020-07)."""
    picked = MONTH_PATTERN.match(request.GET.get("month", "").strip())
    if picked:
        return redirect(_report_url(int(picked[1]), int(picked[2]), scope))
    if request.GET.get("month"):
        messages.error(request, _("月份格式应为 2020-07。"))
    today = timezone.localdate()
    return redirect(_report_url(today.year, today.month, scope))


def _shift_month(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _report_summary(figures, cumulative, comparison, scope):
    """The report's opening paragraph, written from its own figures."""
    where = scope.name if scope is not None else _("全区")
    text = _(
        "%(period)s，%(where)s协商议事室共举行议事活动 %(sessions)s 场次，参与 %(people)s 人次；"
        "新反映民生问题 %(reported)s 个，解决 %(resolved)s 个；报送成果 %(submitted)s 件，当月采纳 %(adopted)s 件。"
    ) % {
        "period": figures.label,
        "where": where,
        "sessions": f"{figures.sessions_held}",
        "people": f"{figures.person_times}",
        "reported": f"{figures.issues_reported}",
        "resolved": f"{figures.issues_resolved}",
        "submitted": f"{figures.outcomes_submitted}",
        "adopted": f"{figures.outcomes_adopted}",
    }
    sessions_row = next((row for row in comparison if row["key"] == "sessions_held"), None)
    if sessions_row is not None:
        if sessions_row["change"] > 0:
            text += _("议事场次比上年同期增加 %(n)s 场次。") % {"n": f"{sessions_row['change']}"}
        elif sessions_row["change"] < 0:
            text += _("议事场次比上年同期减少 %(n)s 场次。") % {"n": f"{-sessions_row['change']}"}
        else:
            text += _("议事场次与上年同期持平。")
    text += _(
        "截至%(day)s，累计开展议事活动 %(sessions)s 场次，参与 %(people)s 人次，推动解决民生问题 %(resolved)s 个。"
    ) % {
        "day": long_date(cumulative.as_of),
        "sessions": f"{cumulative.sessions_held}",
        "people": f"{cumulative.person_times}",
        "resolved": f"{cumulative.issues_resolved}",
    }
    return text


def _report_context(year, month, scope):
    """Everything the monthly report shows, for the page and its PDF alike."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    district = scope is None
    figures = selectors.month_figures(year, month, scope)
    statistics_row = None
    if district:
        statistics_row = next(
            (row for row in breakdown_by_month(year) if (row["key"].year, row["key"].month) == (year, month)), None
        )
    today = timezone.localdate()
    # Cumulative figures as of the report's month end (today for the running month), never today's totals.
    as_of = min(selectors.month_end(year, month), today)
    cumulative = selectors.cumulative_figures(as_of, scope)
    comparison = selectors.month_comparison(year, month, scope)
    outcome_list = selectors.month_outcomes(year, month, scope=scope)
    previous, following = _shift_month(year, month, -1), _shift_month(year, month, 1)
    return {
        "scope": scope,
        "district": district,
        "figures": figures,
        "comparison": comparison,
        "statistics_row": statistics_row,
        "streets": selectors.month_breakdown_by_street(year, month, scope),
        "categories": selectors.month_top_categories(year, month, scope=scope),
        "departments": selectors.month_department_ranking(year, month, scope),
        "resolved": selectors.month_resolved_issues(year, month, scope=scope),
        "outcome_list": outcome_list,
        "outcomes_adopted_later": sum(1 for outcome in outcome_list if outcome.adopted_later),
        "outcomes_adopted_by_month_end": sum(1 for outcome in outcome_list if outcome.adopted_by_month_end),
        "cumulative": cumulative,
        "summary": _report_summary(figures, cumulative, comparison, scope),
        "issuing_office": (
            _("%(owner)s办公室") % {"owner": settings.PORTAL_OWNER}
            if district
            else _("%(street)s政协工委") % {"street": scope.name}
        ),
        "issued_on": today,
        "previous_url": _report_url(*previous, scope),
        "next_url": _report_url(*following, scope),
        "pdf_url": reverse("staff:report-pdf", args=[year, f"{month:02d}"]) + (f"?street={scope.pk}" if scope else ""),
        "last_year": year - 1,
        "generated_at": timezone.now(),
    }


@overseer_required
def report(request, year, month, scope):
    """月度报告: one month's figures for leaders, printable. Every figure comes from a selector;
    a street's report keeps to its rooms and issues."""
    return render(request, "staff/report.html", _report_context(int(year), int(month), scope))


@overseer_required
def report_pdf(request, year, month, scope):
    """The monthly report as an A4 PDF (WeasyPrint: page numbers from CSS @page counters, no
    browser needed on the server). The same context and body as the page."""
    from django.contrib.staticfiles import finders
    from django.http import HttpResponse
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML  # imported here: loading pango costs time every page need not pay

    context = _report_context(int(year), int(month), scope)
    # The print stylesheet is handed to WeasyPrint from the static files (no <style> in the
    # template: the site's CSP rules apply to every template).
    css_path = finders.find("css/report-print.css")
    stylesheets = [CSS(filename=css_path)] if css_path else []
    html = render_to_string("staff/report_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=stylesheets, url_fetcher=_no_fetch
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{int(year)}-{int(month):02d}.pdf"'
    return response


def _no_fetch(url, *args, **kwargs):
    """The PDF embeds everything it needs; nothing is fetched over the network while rendering."""
    raise ValueError(f"not fetched: {url}")


# ---- registry import / export ---------------------------------------------------------------------


def _imports_root() -> Path:
    return Path(settings.PRIVATE_DATA_ROOT) / IMPORT_FOLDER


def _user_import_dir(user) -> Path:
    """The user's own folder of previews: PRIVATE_DATA_ROOT is outside MEDIA_ROOT and no URL serves
    it, and one staff member's previews are not where another's are looked for."""
    return _imports_root() / str(user.pk)


def _stored_import(request, token):
    """The preview file `token` of this user, if this session uploaded it and it is still there."""
    if not TOKEN_PATTERN.match(token or "") or token not in request.session.get("registry_imports", []):
        return None
    path = _user_import_dir(request.user) / f"{token}.xlsx"
    return path if path.exists() else None


def _store_import(request, upload) -> str:
    """Keep the previewed upload until it is confirmed or cancelled: a random name, readable by the
    server's user only. Returns the token that names it."""
    folder = _user_import_dir(request.user)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    descriptor = os.open(folder / f"{token}.xlsx", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    upload.seek(0)
    with os.fdopen(descriptor, "wb") as stored:
        for chunk in upload.chunks():
            stored.write(chunk)
    request.session["registry_imports"] = [*request.session.get("registry_imports", []), token]
    return token


def _forget_import(request, token, path=None):
    if path is not None:
        path.unlink(missing_ok=True)
    request.session["registry_imports"] = [t for t in request.session.get("registry_imports", []) if t != token]


def _remove_stale_imports():
    """Previews nobody confirmed or cancelled are kept for a day at most (every user's)."""
    root = _imports_root()
    if not root.exists():
        return
    cutoff = time.time() - IMPORT_KEEP_SECONDS
    for path in root.glob("*/*.xlsx"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue


@staff_required
def registry_import_view(request):
    """Upload → preview (nothing written) → confirm (all or nothing) or cancel."""
    result, token = None, None
    if request.method == "POST":
        form = RegistryImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = registry_import(upload, dry_run=True)
            _remove_stale_imports()
            if result.ok and result.changed:
                token = _store_import(request, upload)
    else:
        form = RegistryImportForm()
    return render(request, "staff/import.html", {"form": form, "result": result, "token": token})


@staff_required
@require_POST
def registry_import_confirm(request):
    token = request.POST.get("token", "")
    path = _stored_import(request, token)
    if path is None:
        messages.error(request, _("预览已过期，请重新上传文件。"))
        return redirect("staff:import")
    try:
        with open(path, "rb") as stored:
            result = registry_import(File(stored, name=path.name), dry_run=False)
    finally:
        # Imported or not, the preview is used up: a failed import is uploaded again.
        _forget_import(request, token, path)
    if result.committed:
        summary = "；".join(
            _("%(sheet)s：新增 %(created)d，更新 %(updated)d，未变 %(unchanged)d")
            % {"sheet": sheet, "created": c.created, "updated": c.updated, "unchanged": c.unchanged}
            for sheet, c in result.counts.items()
        )
        messages.success(request, _("导入成功。") + summary)
        return redirect("staff:import")
    return render(request, "staff/import.html", {"form": RegistryImportForm(), "result": result, "token": None})


@staff_required
@require_POST
def registry_import_cancel(request):
    """取消: nothing is imported and the kept file is deleted now."""
    token = request.POST.get("token", "")
    path = _stored_import(request, token)
    if path is not None:
        _forget_import(request, token, path)
    messages.info(request, _("已取消导入，上传的文件已删除。"))
    return redirect("staff:import")


@staff_required
def registry_template(request):
    return xlsx_response("议事室名册导入模板.xlsx", template_sheets())


@staff_required
def registry_export(request):
    """The whole registry in the import format (export here, import elsewhere: same registry)."""
    return xlsx_response(f"议事室名册_{timezone.localdate().isoformat()}.xlsx", registry_sheets())


# ---- ledger -------------------------------------------------------------------------------------


@staff_required
def ledger(request):
    """台账导出: choose street, room, period or campaign; see the row counts; download the workbook."""
    form = LedgerForm(request.GET or None)
    counts = None
    if form.is_bound and form.is_valid():
        ledger_filter = LedgerFilter(**form.cleaned_data)
        if "download" in request.GET:
            return xlsx_response(
                ledger_filename(ledger_filter), ledger_sheets(ledger_filter), title=ledger_title(ledger_filter)
            )
        counts = {
            "sessions": ledger_sessions(ledger_filter).count(),
            "issues": ledger_issues(ledger_filter).count(),
            "outcomes": ledger_outcomes(ledger_filter).count(),
        }
    return render(
        request,
        "staff/ledger.html",
        {"form": form, "counts": counts, "query": request.GET.urlencode()},
    )


# ---- room posters ------------------------------------------------------------------------------------

POSTERS_PER_PAGE = 50


@staff_required
def room_posters(request):
    """议事室海报: every active room, in directory order, with its A4 poster to open or download
    (the poster pages themselves are the workspace's, open to staff for any room)."""
    from checkins.permissions import poster_rooms_for
    from checkins.selectors import rooms_for_posters
    from core.listing import paginate

    page = paginate(request, rooms_for_posters(poster_rooms_for(request.user)), per_page=POSTERS_PER_PAGE)
    return render(request, "staff/room_poster_list.html", {"page": page})


# ---- the members' annual review -----------------------------------------------------------------


@staff_required
def member_review(request):
    """委员履职积分: choose a year, see the weights staff set in the admin, download the workbook."""
    years = review_years()
    form = MemberReviewForm(request.GET or {"year": years[0]}, years=years)
    status = 200
    if form.is_valid():
        year = form.cleaned_data["year"]
        if "download" in request.GET:
            sheets, title = review_sheets(year)
            return xlsx_response(review_filename(year), sheets, title=title)
    else:
        status = 400
    weights = activity_weights()
    rows = [(label, weights[kind]) for kind, label in ActivityKind.choices]
    return render(
        request,
        "staff/member_review.html",
        {"form": form, "weights": rows, "query": request.GET.urlencode()},
        status=status,
    )
