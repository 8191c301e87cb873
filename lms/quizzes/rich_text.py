"""Question text written as plain text, HTML or Markdown, made safe to show.

Imported questions keep the format their file gave them (GIFT's ``[html]`` and
``[markdown]`` tags, Moodle XML's ``format`` attribute). HTML, and the HTML
Markdown becomes, goes through nh3 (the Ammonia sanitiser) with a short list
of tags: formatting, lists, links, tables, code; no script, style, form,
image or event attribute ever reaches a learner's page.
"""

import html
import re

import markdown
import nh3
from django.db import models
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h3",
    "h4", "i", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "*": {"lang", "dir"}}
_SPACES = re.compile(r"\s+")


class TextFormat(models.TextChoices):
    PLAIN = "plain", _("Plain text")
    HTML = "html", _("HTML")
    MARKDOWN = "markdown", _("Markdown")
    MOODLE = "moodle", _("Moodle auto-format")


def _clean(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render(text: str, text_format: str) -> SafeString:
    """``text`` as safe HTML: escaped with its line breaks, or sanitised markup."""
    if text_format == TextFormat.HTML:
        return mark_safe(_clean(text))  # noqa: S308 - sanitised by nh3
    if text_format == TextFormat.MARKDOWN:
        return mark_safe(_clean(markdown.markdown(text)))  # noqa: S308 - sanitised
    return linebreaksbr(text, autoescape=True)


def plain(text: str, text_format: str) -> str:
    """``text`` without markup, for places that hold text only (a select's
    options, a one-line summary, a spreadsheet cell)."""
    if text_format not in (TextFormat.HTML, TextFormat.MARKDOWN):
        return text
    markup = render(text, text_format)
    return _SPACES.sub(" ", html.unescape(nh3.clean(markup, tags=set()))).strip()
