from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class LoginProtectionConfig(AxesConfig):
    """django-axes (the admin's lockout after failed logins), named in Chinese in the admin:
    the package names itself "Axes" and has no Chinese translation."""

    verbose_name = _("登录防护")
