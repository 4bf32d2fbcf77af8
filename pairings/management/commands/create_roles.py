from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

# What each role may do, by model. Editors record reports, the pairings they name and what they
# say; nobody but a superuser deletes a report, a region or a pairing, on which everything else
# hangs.
EDITOR_PERMISSIONS = {
    "event": ("add", "change", "view"),
    "eventcitation": ("add", "change", "delete", "view"),
    "figure": ("add", "change", "delete", "view"),
    "trainingprogramme": ("add", "change", "view"),
    "labourbrand": ("add", "change", "view"),
    "report": ("add", "change", "view"),
    "metric": ("add", "change", "view"),
    "pairing": ("add", "change", "view"),
    "pairingcitation": ("add", "change", "delete", "view"),
    "region": ("view",),
    # A merge is made and undone from the event's admin (change_event), never edited.
    "eventmerge": ("view",),
}
VIEWER_PERMISSIONS = {model: ("view",) for model in EDITOR_PERMISSIONS}
ROLES = {"editors": EDITOR_PERMISSIONS, "viewers": VIEWER_PERMISSIONS}


def _permissions(allowed):
    codenames = [f"{action}_{model}" for model, actions in allowed.items() for action in actions]
    permissions = Permission.objects.filter(
        content_type__app_label="pairings", codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions missing; run migrate first: {sorted(missing)}")
    return permissions


class Command(BaseCommand):
    help = "Create or update the editors and viewers groups with their permissions."

    def handle(self, *args, **options):
        for name, allowed in ROLES.items():
            group, created = Group.objects.get_or_create(name=name)
            permissions = _permissions(allowed)
            group.permissions.set(permissions)
            verb = "Created" if created else "Updated"
            if options["verbosity"]:
                self.stdout.write(f"{verb} group {name} with {permissions.count()} permissions.")
