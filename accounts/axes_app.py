"""django-axes (login lockout) under Chinese names in the admin: INSTALLED_APPS names this
config instead of "axes". Only the app's and the models' display names change; their Meta in
the migrations keeps axes' own, so no migration follows."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _

MODEL_NAMES = {
    "accessattempt": (_("登录失败记录"), _("登录失败记录")),
    "accesslog": (_("登录日志"), _("登录日志")),
    "accessfailurelog": (_("登录失败日志"), _("登录失败日志")),
    "accessattemptexpiration": (_("锁定到期时间"), _("锁定到期时间")),
}


class LoginProtectionConfig(AxesAppConfig):
    verbose_name = _("登录保护")

    def ready(self):
        super().ready()
        for model in self.get_models():
            names = MODEL_NAMES.get(model._meta.model_name)
            if names:
                model._meta.verbose_name, model._meta.verbose_name_plural = names
