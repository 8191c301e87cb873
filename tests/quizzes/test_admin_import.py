"""Importing questions from the admin: upload, preview (writes nothing), confirm."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from lms.quizzes.admin import imports
from lms.quizzes.formats.schema import ImportProblem
from lms.quizzes.models import Question, QuestionBank
from lms.quizzes.services import QuestionImportError
from tests.accounts.helpers import login_staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
IMPORT_URL = "/admin/quizzes/import/"
CONFIRM_URL = "/admin/quizzes/import/confirm/"
PAYLOAD = re.compile(r'name="payload" value="([^"]+)"')


def member_of(group_name: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def trainer(client):
    user = member_of("Trainers")
    login_staff(client, user)
    return user


def sample(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes())


def upload(client, file, *, bank="", new_bank="IP basics", file_format=""):
    """Post the upload form; the preview (or the form with errors) comes back."""
    return client.post(
        IMPORT_URL,
        {"file": file, "format": file_format, "bank": bank, "new_bank": new_bank},
    )


def payload_of(response) -> str:
    match = PAYLOAD.search(response.content.decode())
    assert match, "the preview has no confirm form"
    return match.group(1)


def confirm(client, payload: str):
    return client.post(CONFIRM_URL, {"payload": payload}, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


class TestAccess:
    def test_the_url_is_named(self):
        assert reverse("quizzes_import") == IMPORT_URL
        assert reverse("quizzes_import_confirm") == CONFIRM_URL

    def test_form_renders_for_a_trainer(self, client, trainer):
        response = client.get(IMPORT_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert 'for="id_file"' in html and 'for="id_new_bank"' in html
        assert "Moodle XML" in html

    def test_superuser_may_import(self, client):
        login_staff(client, UserFactory(is_superuser=True))
        assert client.get(IMPORT_URL).status_code == 200

    def test_admin_user_without_permission_is_refused(self, client):
        """PermissionDenied, which Wagtail's admin turns into a redirect home
        with a message, or a bare 403 for scripts."""
        login_staff(client, member_of("Bureau staff"))
        response = client.get(IMPORT_URL, follow=True)
        assert response.redirect_chain == [("/admin/", 302)]
        assert "you do not have permission" in messages_of(response)[0]
        xhr = {"headers": {"x-requested-with": "XMLHttpRequest"}}
        assert client.get(IMPORT_URL, **xhr).status_code == 403
        confirmed = client.post(CONFIRM_URL, {"payload": "x"}, **xhr)
        assert confirmed.status_code == 403

    def test_anonymous_user_is_sent_to_login(self, client):
        response = client.get(IMPORT_URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_confirm_only_takes_posts(self, client, trainer):
        assert client.get(CONFIRM_URL).status_code == 405

    def test_question_listing_links_to_it_for_importers_only(self, client):
        login_staff(client, member_of("Trainers"))
        assert IMPORT_URL in client.get("/admin/quizzes/questions/").text
        reader = UserFactory()
        reader.user_permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_question"),
        )
        login_staff(client, reader)
        response = client.get("/admin/quizzes/questions/")
        assert response.status_code == 200
        assert IMPORT_URL not in response.text


class TestPreview:
    def test_valid_gift_file_shows_counts_and_creates_nothing(self, client, trainer):
        response = upload(client, sample("ip_basics.gift.txt"))
        assert response.status_code == 200
        html = response.content.decode()
        counts = dict(response.context["preview"].counts)
        assert counts["Single choice"] == 4
        assert counts["True or false"] == 4
        assert counts["Matching"] == 1
        assert sum(counts.values()) == 16
        assert '<th scope="row">Single choice</th>' in html
        assert "PCT administrator" in html
        assert "Which organization administers the Patent Cooperation" in html
        # Essays and descriptions are listed as skipped, with their lines.
        assert "Skipped questions" in html
        assert "<td>41</td>" in html and "Essay question skipped" in html
        assert "Import 16 questions into IP basics" in html
        assert "a new bank, created when you confirm" in html
        assert not Question.objects.exists()
        assert not QuestionBank.objects.exists()

    def test_malformed_file_lists_problems_and_offers_no_confirm(self, client, trainer):
        response = upload(client, sample("malformed.gift.txt"))
        html = response.content.decode()
        assert "Nothing will be imported until the file is fixed" in html
        assert "<td>3</td>" in html
        assert "The answers are not closed with “}”." in html
        assert "<td>39</td>" in html
        assert len(response.context["preview"].problems) == 18
        assert 'name="payload"' not in html
        assert CONFIRM_URL not in html
        assert not Question.objects.exists()

    def test_question_text_is_escaped(self, client, trainer):
        gift = b"::Trap::<script>alert(1)</script> Is this text?{T}\n"
        response = upload(client, SimpleUploadedFile("trap.gift", gift))
        html = response.content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)" not in html

    def test_long_prompts_are_cut_to_120_characters(self, client, trainer):
        prompt = "x" * 119 + "yz"
        gift = f"::Long::{prompt}{{T}}\n".encode()
        response = upload(client, SimpleUploadedFile("long.gift", gift))
        (row,) = response.context["preview"].rows
        assert row.excerpt == "x" * 119 + "y…"

    def test_text_that_is_not_utf8_is_a_problem(self, client, trainer):
        gift = "::Café::Où est l'OMPI ?{=Genève ~Paris}".encode("latin-1")
        response = upload(client, SimpleUploadedFile("latin.gift", gift))
        assert "The file is not UTF-8 text" in response.content.decode()
        assert "whole file" in response.content.decode()
        assert 'name="payload"' not in response.content.decode()

    def test_file_without_questions_cannot_be_confirmed(self, client, trainer):
        response = upload(client, SimpleUploadedFile("empty.gift", b"// nothing\n"))
        assert "The file holds no question." in response.content.decode()
        assert 'name="payload"' not in response.content.decode()

    def test_existing_bank_is_not_called_new(self, client, trainer):
        bank = QuestionBank.objects.create(name="Patents")
        response = upload(
            client, sample("ip_basics.gift.txt"), bank=bank.pk, new_bank=""
        )
        html = response.content.decode()
        assert "Import 16 questions into Patents" in html
        assert "a new bank" not in html


class TestUploadForm:
    def test_too_big_file_is_refused(self, client, trainer):
        big = SimpleUploadedFile("big.gift", b"x" * (imports.MAX_FILE_SIZE + 1))
        response = upload(client, big)
        assert response.status_code == 200
        assert "preview" not in response.context
        assert response.context["form"].errors["file"][0].startswith("This file is 2.0")
        assert "files of at most 2.0" in response.content.decode()

    def test_errors_are_summarised_with_links_to_fields(self, client, trainer):
        response = upload(client, sample("ip_basics.gift.txt"), new_bank="")
        html = response.content.decode()
        assert 'role="alert"' in html
        assert 'href="#id_bank"' in html
        assert "Choose a bank, or type the name of a new bank below." in html

    def test_bank_and_new_name_together_are_refused(self, client, trainer):
        bank = QuestionBank.objects.create(name="Patents")
        response = upload(client, sample("ip_basics.gift.txt"), bank=bank.pk)
        assert "new_bank" in response.context["form"].errors

    def test_new_name_of_an_existing_bank_is_refused(self, client, trainer):
        QuestionBank.objects.create(name="IP Basics")
        response = upload(client, sample("ip_basics.gift.txt"), new_bank="ip basics")
        errors = response.context["form"].errors["new_bank"]
        assert errors == [
            "A bank named “ip basics” already exists: choose it in the list."
        ]

    @pytest.mark.parametrize(
        ("filename", "expected"),
        [
            ("questions.gift", "gift"),
            ("ip_basics.gift.txt", "gift"),
            ("EXPORT.XML", "moodle_xml"),
            ("notes.docx", None),
        ],
    )
    def test_format_follows_the_extension(self, filename, expected):
        assert imports.format_for_filename(filename) == expected

    def test_unknown_extension_needs_a_format(self, client, trainer):
        data = (SAMPLES / "ip_basics.gift.txt").read_bytes()
        response = upload(client, SimpleUploadedFile("questions.dat", data))
        assert "format" in response.context["form"].errors
        response = upload(
            client, SimpleUploadedFile("questions.dat", data), file_format="gift"
        )
        assert response.context["preview"].can_import

    def test_the_form_preselects_the_format_in_the_browser(self, client, trainer):
        html = client.get(IMPORT_URL).content.decode()
        assert 'id="quizzes-import-extensions"' in html
        assert '".xml": "moodle_xml"' in html

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=5000)
    def test_file_too_big_to_carry_to_the_confirmation_is_refused(
        self, client, trainer
    ):
        response = upload(client, sample("ip_basics_moodle.xml"))
        assert "too big to be confirmed" in response.context["form"].errors["file"][0]


class TestConfirm:
    def test_confirm_imports_and_reports_counts(self, client, trainer):
        preview = upload(client, sample("ip_basics.gift.txt"))
        response = confirm(client, payload_of(preview))
        assert response.redirect_chain[-1] == (IMPORT_URL, 302)
        (message,) = messages_of(response)
        assert message.startswith("Imported 16 questions into IP basics:")
        assert "Single choice: 4" in message and "Matching: 1" in message
        bank = QuestionBank.objects.get(name="IP basics")
        assert bank.questions.count() == 16

    def test_new_bank_is_created_only_on_confirm(self, client, trainer):
        preview = upload(client, sample("ip_basics.gift.txt"), new_bank="Fresh")
        assert not QuestionBank.objects.filter(name="Fresh").exists()
        confirm(client, payload_of(preview))
        assert QuestionBank.objects.get(name="Fresh").questions.count() == 16

    def test_into_an_existing_bank(self, client, trainer):
        bank = QuestionBank.objects.create(name="Patents")
        preview = upload(
            client, sample("ip_basics.gift.txt"), bank=bank.pk, new_bank=""
        )
        confirm(client, payload_of(preview))
        assert bank.questions.count() == 16
        assert QuestionBank.objects.count() == 1

    def test_tampered_payload_is_refused_and_imports_nothing(self, client, trainer):
        payload = payload_of(upload(client, sample("ip_basics.gift.txt")))
        value, timestamp, signature = payload.rsplit(":", 2)
        forged = imports.Upload(
            format="gift", bank_name="Hijacked", filename="x.gift", data=b"::X::Y{T}"
        ).sign()
        for tampered in (
            f"{value[:-4]}AAAA:{timestamp}:{signature}",
            f"{forged.rsplit(':', 2)[0]}:{timestamp}:{signature}",
            "not a token",
        ):
            response = confirm(client, tampered)
            assert response.redirect_chain[-1] == (IMPORT_URL, 302)
            (message,) = messages_of(response)
            assert message.startswith("The import was refused")
        assert not Question.objects.exists()
        assert not QuestionBank.objects.exists()

    def test_expired_preview_is_refused(self, client, trainer, monkeypatch):
        payload = payload_of(upload(client, sample("ip_basics.gift.txt")))
        monkeypatch.setattr(imports, "PREVIEW_MAX_AGE", timedelta(seconds=-1))
        (message,) = messages_of(confirm(client, payload))
        assert "too old" in message
        assert not Question.objects.exists()

    def test_problems_found_on_import_show_the_preview_again(
        self, client, trainer, monkeypatch
    ):
        payload = payload_of(upload(client, sample("ip_basics.gift.txt")))

        def refuse(**kwargs):
            raise QuestionImportError([ImportProblem(9, "Too long a name.")])

        monkeypatch.setattr(imports, "questions_import", refuse)
        response = client.post(CONFIRM_URL, {"payload": payload})
        html = response.content.decode()
        assert response.status_code == 200
        assert "<td>9</td>" in html and "Too long a name." in html
        assert "Nothing will be imported until the file is fixed" in html
        assert 'name="payload"' not in html


class TestMoodleXml:
    def test_moodle_xml_preview_and_import(self, client, trainer):
        preview = upload(client, sample("ip_basics_moodle.xml"))
        html = preview.content.decode()
        assert preview.context["preview"].format.label == "Moodle XML"
        assert dict(preview.context["preview"].counts)["Ordering"] == 1
        assert "Question type “essay” is not supported" in html
        assert "position among the file" in html
        # HTML question text is shown as text.
        assert "&lt;strong&gt;Patent Cooperation Treaty&lt;/strong&gt;" in html
        assert not Question.objects.exists()

        (message,) = messages_of(confirm(client, payload_of(preview)))
        assert message.startswith("Imported 8 questions into IP basics:")
        assert "Ordering: 1" in message
        assert Question.objects.count() == 8

    def test_broken_xml_reports_its_line(self, client, trainer):
        response = upload(client, sample("broken.moodle.xml"))
        html = response.content.decode()
        assert "<td>9</td>" in html and "not well-formed XML" in html
        assert 'name="payload"' not in html

    def test_entity_bomb_is_refused(self, client, trainer):
        response = upload(client, sample("billion_laughs.moodle.xml"))
        assert "refused for security reasons" in response.content.decode()
        assert 'name="payload"' not in response.content.decode()
