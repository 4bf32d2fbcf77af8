"""Cache invalidation. Not a business rule: whatever writes the data — the admin, an import,
loaddata, a shell — every cached summary must go stale with it, and only a signal sees all
of those writes. Bulk writes that bypass signals (generate_synthetic) bump the version
themselves."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_data_version
from .models import SUMMARY_MODELS


def _data_changed(sender, **kwargs):
    bump_data_version()


def connect(app_config):
    for model in app_config.get_models():
        if model in SUMMARY_MODELS or model.__name__.startswith("Historical"):
            continue
        if model._meta.app_label == "pairings":
            post_save.connect(_data_changed, sender=model, dispatch_uid=f"bump-{model.__name__}")
            post_delete.connect(
                _data_changed, sender=model, dispatch_uid=f"bump-delete-{model.__name__}"
            )
    m2m_changed.connect(_data_changed, dispatch_uid="bump-m2m")
