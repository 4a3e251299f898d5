"""A request body over the limit gets 413 with a clear Chinese page (413 JSON under /api/),
whether it is too large as a whole (uploads included) or in its form text alone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import ResolvedIssueFactory

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def test_the_limits_fit_the_session_form(settings):
    # 12 photos of at most 5 MB each, plus the text fields.
    assert settings.REQUEST_BODY_MAX_SIZE == 64 * MB
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 5 * MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES >= 12
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000


def test_a_body_announced_over_the_limit_is_refused_before_it_is_read(client):
    issue = ResolvedIssueFactory()
    response = client.post(issue.get_absolute_url(), {"rating": "satisfied"}, CONTENT_LENGTH=str(64 * MB + 1))
    assert response.status_code == 413
    html = response.content.decode()
    assert "提交的内容过大" in html and "64 MB" in html and "每张照片不超过 5 MB，最多 12 张" in html


def test_uploads_count_towards_the_limit(settings):
    settings.REQUEST_BODY_MAX_SIZE = 100_000
    issue = ResolvedIssueFactory()
    photo = SimpleUploadedFile("big.jpg", b"\xff" * 200_000, content_type="image/jpeg")
    response = Client().post(issue.get_absolute_url(), {"rating": "satisfied", "photo": photo})
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


def test_too_much_form_text_is_a_413_page_too(settings):
    """Django answers RequestDataTooBig (form text over DATA_UPLOAD_MAX_MEMORY_SIZE) with a bare
    400; here it is the same 413 page, also when the CSRF check is the first to read the form."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    issue = ResolvedIssueFactory()
    client = Client(enforce_csrf_checks=True)
    token = client.get(issue.get_absolute_url()).cookies["csrftoken"].value
    response = client.post(issue.get_absolute_url(), {"csrfmiddlewaretoken": token, "note": "很长的留言" * 500})
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


def test_the_api_answers_413_json(client):
    response = client.post(
        "/api/v1/sessions/", data=b"{}", content_type="application/json", CONTENT_LENGTH=str(64 * MB + 1)
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "64 MB" in response.json()["detail"]
