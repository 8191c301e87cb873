from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from .forms import SearchForm
from .models import LessonPage

RESULTS_PER_PAGE = 10


def search(request):
    """Search the live lessons in the reader's language."""
    form = SearchForm(request.GET or None)
    results = None
    query = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        language = get_language()
        fields = [
            build_localized_fieldname(name, language)
            for name in ("title", "summary", "body")
        ]
        lessons = LessonPage.objects.live().search(query, fields=fields)
        results = Paginator(lessons, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/search.html",
        {"form": form, "query": query, "results": results},
    )
