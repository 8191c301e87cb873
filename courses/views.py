from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import SearchForm
from .models import LessonPage

RESULTS_PER_PAGE = 10


def search(request):
    """Search the live lessons; results are listed in the reader's language."""
    form = SearchForm(request.GET or None)
    results = None
    query = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        # The index holds every language version of a lesson; results are
        # shown in the reader's language (English where not yet translated).
        lessons = LessonPage.objects.live().search(query)
        results = Paginator(lessons, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/search.html",
        {"form": form, "query": query, "results": results},
    )
