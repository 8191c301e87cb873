"""Each bureau's staff manage their own bureau's webinars and nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission

from courses.models import HomePage
from lms.webinars.models import Bureau, WebinarIndexPage
from lms.webinars.services import bureau_section_ensure
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory, course_tree

from .factories import section, webinar

pytestmark = pytest.mark.django_db


def staff_of(slug: str):
    section(slug)
    user = UserFactory()
    user.groups.add(Bureau.objects.get(slug=slug).staff_group)
    return user


class TestBureauSection:
    def test_each_bureau_gets_one_section_under_the_home_page(self):
        first = section("africa")
        assert section("africa").pk == first.pk
        assert first.get_parent().specific_class is HomePage
        assert first.live
        assert first.title_en == "Webinars: Africa"
        # In French as the catalog has it (compiled or not).
        with translation.override("fr"):
            title_fr = gettext("Webinars: %(bureau)s") % {"bureau": "Afrique"}
        assert first.title_fr == title_fr
        # Sections come from bureaus only, never from "Add child page".
        assert not WebinarIndexPage.can_create_at(first.get_parent())

    def test_and_one_staff_group_with_rights_on_that_section_only(self):
        page = section("africa")
        group = Bureau.objects.get(slug="africa").staff_group
        assert group.name == "Bureau staff: Africa"
        rights = GroupPagePermission.objects.filter(group=group)
        assert {r.page_id for r in rights} == {page.pk}
        assert {r.permission.codename for r in rights} == {
            "add_page",
            "change_page",
            "publish_page",
        }
        assert group.permissions.filter(codename="access_admin").exists()

    def test_renaming_the_bureau_renames_its_group(self):
        section("africa")
        bureau = Bureau.objects.get(slug="africa")
        group_id = bureau.staff_group_id
        bureau.name_en = bureau.name = "Africa Bureau"
        bureau.save()
        bureau_section_ensure(bureau=bureau)
        assert Group.objects.get(pk=group_id).name == "Bureau staff: Africa Bureau"

    def test_the_shared_bureau_staff_role_is_left_as_it_was(self):
        shared = Group.objects.get(name="Bureau staff")
        before = set(shared.permissions.values_list("pk", flat=True))
        section("africa")
        assert set(shared.permissions.values_list("pk", flat=True)) == before
        assert not GroupPagePermission.objects.filter(group=shared).exists()


class TestBureauStaffRights:
    def test_staff_edit_and_publish_their_own_bureaus_webinars(self):
        own = webinar(bureau="africa")
        rights = own.permissions_for_user(staff_of("africa"))
        assert rights.can_edit()
        assert rights.can_publish()

    def test_not_another_bureaus(self):
        other = webinar(bureau="arab-region")
        rights = other.permissions_for_user(staff_of("africa"))
        assert not rights.can_edit()
        assert not rights.can_publish()
        assert (
            not section("arab-region")
            .permissions_for_user(staff_of("africa"))
            .can_add_subpage()
        )

    def test_nor_the_courses(self):
        course = course_tree(modules=1, lessons_per_module=0)
        assert not course.permissions_for_user(staff_of("africa")).can_edit()

    def test_they_add_webinars_in_their_section(self):
        assert (
            section("africa").permissions_for_user(staff_of("africa")).can_add_subpage()
        )

    def test_the_admin_opens_their_webinar_and_refuses_the_other(self, client):
        own, other = webinar(bureau="africa"), webinar(bureau="arab-region")
        login_staff(client, staff_of("africa"))
        edit = "wagtailadmin_pages:edit"
        assert client.get(reverse(edit, args=[own.pk])).status_code == 200
        response = client.get(reverse(edit, args=[other.pk]))
        # Wagtail sends those without permission back to the dashboard.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
