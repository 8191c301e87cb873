"""Certificate permissions for the editorial roles.

Trainers and Reviewers edit certificate templates and issue or revoke the
certificates of the courses they staff (page permissions narrow that down);
Reviewers may also delete templates. Bureau staff see certificates.
"""

from django.db import migrations

ROLE_PERMISSIONS = {
    "Trainers": [
        ("certificatetemplate", "add"),
        ("certificatetemplate", "change"),
        ("certificatetemplate", "view"),
        ("certificate", "change"),
        ("certificate", "view"),
    ],
    "Reviewers": [
        ("certificatetemplate", "add"),
        ("certificatetemplate", "change"),
        ("certificatetemplate", "delete"),
        ("certificatetemplate", "view"),
        ("certificate", "change"),
        ("certificate", "view"),
    ],
    "Bureau staff": [("certificate", "view")],
}


def grant_certificate_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name, pairs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, action in pairs:
            content_type, _ = ContentType.objects.get_or_create(
                app_label="certificates", model=model
            )
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def revoke_certificate_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="certificates")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_default_templates"),
        ("courses", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(
            grant_certificate_permissions, revoke_certificate_permissions
        )
    ]
