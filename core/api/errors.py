"""The API's exception handler: every error is JSON with Chinese messages."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import RETRY_AFTER_SECONDS, close_broken_connections, is_database_unavailable


class Conflict(exceptions.APIException):
    """409: the write was based on an older version of the object (optimistic lock)."""

    status_code = 409
    default_detail = _("该对象在您读取后已被他人修改，请重新读取后再提交。")
    default_code = "conflict"

    def __init__(self, detail=None, code=None, **extra):
        """`extra` (e.g. `current_version=3`, `changes=[...]`) is added to the JSON as it is."""
        super().__init__(detail, code)
        self.extra = extra


def _django_validation_detail(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(message) for message in error.messages]}


def api_exception_handler(exc, context):
    """DRF's handler, plus: Django ValidationError → 400 with field errors, Django PermissionDenied
    and Http404 → 404, an unreachable database → 503 with Retry-After, and a bare list of
    messages wrapped as `non_field_errors`."""
    if is_database_unavailable(exc):
        close_broken_connections()
        return Response(
            {"detail": _("系统正在维护或暂时无法连接数据库，请稍后再试。")},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.NotFound(str(exc) or _("未找到。"))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到。"))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, Conflict):
        response.data.update(exc.extra)
    if response is not None and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}
    return response
