"""Editorial roles and the review workflow.

Trainers write and submit course pages; Reviewers approve and publish them
through the "Course review" workflow; Bureau staff reach the admin for the
webinar and report features. Permissions are granted on the tree root so they
cover every course; Wagtail checks them page by page.
"""

from django.db import migrations

TRAINERS = "Trainers"
REVIEWERS = "Reviewers"
BUREAU_STAFF = "Bureau staff"
WORKFLOW_NAME = "Course review"
TASK_NAME = "Reviewer approval"

PAGE_PERMISSIONS = {
    TRAINERS: ["add_page", "change_page", "lock_page", "unlock_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MEDIA_PERMISSIONS = {
    TRAINERS: ["add", "change", "choose"],
    REVIEWERS: ["add", "change", "choose", "delete"],
}
GLOSSARY_PERMISSIONS = {
    TRAINERS: ["add_glossaryterm", "change_glossaryterm"],
    REVIEWERS: ["add_glossaryterm", "change_glossaryterm", "delete_glossaryterm"],
}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    groups = {}
    for name in (TRAINERS, REVIEWERS, BUREAU_STAFF):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        groups[name] = group

    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = _permission(
                apps, "wagtailcore", "page", codename, "Can " + codename.replace("_", " ")
            )
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=permission
            )
    for name, actions in MEDIA_PERMISSIONS.items():
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in actions:
                permission = _permission(
                    apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )
    for name, codenames in GLOSSARY_PERMISSIONS.items():
        for codename in codenames:
            groups[name].permissions.add(
                _permission(
                    apps, "courses", "glossaryterm", codename,
                    "Can " + codename.replace("_", " "),
                )
            )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(groups[REVIEWERS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()
    Group.objects.filter(name__in=[TRAINERS, REVIEWERS, BUREAU_STAFF]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
