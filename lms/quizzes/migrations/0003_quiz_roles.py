"""Quiz permissions for the editorial roles.

Trainers write questions, banks and quizzes; Reviewers may also delete them;
Bureau staff read quizzes and attempts for the item-analysis reports.
"""

from django.db import migrations

QUESTION_MODELS = [
    "question",
    "singlechoicequestion",
    "multipleresponsequestion",
    "truefalsequestion",
    "shorttextquestion",
    "numericquestion",
    "matchingquestion",
    "orderingquestion",
]
AUTHORED = ["questionbank", "quiz", *QUESTION_MODELS]
ROLE_ACTIONS = {
    "Trainers": (AUTHORED, ["add", "change", "view"]),
    "Reviewers": (AUTHORED, ["add", "change", "delete", "view"]),
    "Bureau staff": (["quiz", "attempt"], ["view"]),
}
EXTRA = {"Trainers": [("attempt", "view")], "Reviewers": [("attempt", "view")]}


def grant_quiz_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name, (models, actions) in ROLE_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        pairs = [(model, action) for model in models for action in actions]
        for model, action in pairs + EXTRA.get(name, []):
            content_type, _ = ContentType.objects.get_or_create(
                app_label="quizzes", model=model
            )
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


def revoke_quiz_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLE_ACTIONS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="quizzes")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_admin_authoring"),
        ("courses", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant_quiz_permissions, revoke_quiz_permissions),
    ]
