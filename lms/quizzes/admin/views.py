"""Admin views around the question listing: pick a type, edit, preview."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from lms.core.admin_panels import language_name
from lms.quizzes.models import Question


def type_url(question_class, action: str, *args) -> str:
    return reverse(f"question_{question_class.kind}:{action}", args=args)


class ChooseQuestionTypeView(WagtailAdminTemplateMixin, TemplateView):
    """ "Add a question" starts by choosing its type."""

    template_name = "quizzes/admin/choose_type.html"
    page_title = _("Add a question")
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("quizzes.add_question"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["types"] = [
            {
                "label": model.type_label,
                "doc": model.__doc__,
                "url": type_url(model, "add"),
            }
            for model in Question.__subclasses__()
        ]
        return context


class QuestionEditRedirectView(View):
    """The listing edits every question on the screen of its own type."""

    def get(self, request, pk):
        question = get_object_or_404(Question, pk=pk)
        return redirect(type_url(type(question), "edit", question.pk))


class QuestionPreviewView(TemplateView):
    """The question as a learner sees it, in any language, with no answer saved.

    A page of the public site's look, not the admin's, so what trainers see is
    what learners get (right-to-left in Arabic included).
    """

    template_name = "quizzes/question_preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("quizzes.view_question"):
            raise PermissionDenied
        self.question = get_object_or_404(Question, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = [code for code, _name in settings.LANGUAGES]
        language = self.request.GET.get("language")
        language = language if language in codes else settings.LANGUAGE_CODE
        with translation.override(language):
            question = Question.objects.get(pk=self.question.pk)
            context["prompt"] = question.rich(question.prompt)
            context["input"] = question.input_context(value=None, seed=0, shuffle=False)
            context["template"] = question.input_template
        context |= {
            "question": question,
            "language": language,
            "language_dir": "rtl"
            if translation.get_language_info(language)["bidi"]
            else "ltr",
            "languages": [(code, language_name(code)) for code in codes],
            "edit_url": type_url(type(question), "edit", question.pk),
        }
        return context
