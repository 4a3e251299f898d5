"""The permission groups of staff: their names, their permissions, and the function that creates
them (called by the migration `0005_staff_groups` and by the demo loader).

区政协机关工作人员 (district staff): keep the registry, sessions, issues, departments and publicity
(every permission of those apps), the taking-part apps (announcements, check-ins, members' review
weights, model cases), the portal settings, the conveners' API tokens (issue, revoke,
view) and django-axes' lockouts (view, clear). User accounts stay view-only: only superusers make
someone staff or change permissions. The domain admins also let every active staff user work
(backoffice StaffAdminMixin); tokens and lockouts ask for these permissions.
"""

from django.apps import apps as global_apps

DISTRICT_STAFF_GROUP = "区政协机关工作人员"

TOKEN_ISSUE_PERMISSION = "accounts.add_apitoken"
TOKEN_REVOKE_PERMISSION = "accounts.change_apitoken"
LOCKOUT_CLEAR_PERMISSION = "axes.delete_accessattempt"

# Every permission of these apps.
DISTRICT_STAFF_APPS = [
    "rooms",
    "deliberations",
    "issues",
    "departments",
    "figures",
    # Taking part: announcements and their comments, check-ins and posters, members' review
    # weights, model cases.
    "announcements",
    "checkins",
    "members",
    "cases",
]
# app_label -> model -> actions
DISTRICT_STAFF_MODELS = {
    "core": {"portalsettings": ["view", "change"]},
    "accounts": {"user": ["view"], "apitoken": ["view", "add", "change"]},
    "notifications": {"notification": ["view"], "delivery": ["view"]},
    "axes": {"accessattempt": ["view", "delete"], "accesslog": ["view"], "accessfailurelog": ["view"]},
}


def _ensure_permissions(apps):
    """Permissions are normally created after `migrate` (post_migrate); create any missing ones
    now, so the group can be given them in the same run."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        if apps is global_apps:
            create_permissions(app_config, verbosity=0, apps=apps)
            continue
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def ensure_district_staff_group(apps=global_apps):
    """Create the group 区政协机关工作人员 if missing and give it its permissions (adding what is
    missing, removing nothing). Returns the group."""
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=DISTRICT_STAFF_GROUP)
    # The figures' rollups are derived from the raw rows (figures/rollups.py): nobody edits them.
    wanted = list(
        Permission.objects.filter(content_type__app_label__in=DISTRICT_STAFF_APPS).exclude(
            content_type__model__endswith="rollup"
        )
    )
    for app_label, models in DISTRICT_STAFF_MODELS.items():
        for model, actions in models.items():
            wanted += Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
    group.permissions.add(*wanted)
    return group
