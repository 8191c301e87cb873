"""Sections other apps add to "My learning".

The progress app knows courses; webinars (say) know what else a learner has
coming. An app registers its section once, from its ``AppConfig.ready()``::

    from lms.progress.dashboard_sections import register_dashboard_section

    def ready(self):
        from .dashboard import upcoming_webinars_context

        register_dashboard_section(
            key="webinars",
            template="webinars/dashboard_section.html",
            context=upcoming_webinars_context,
        )

``context(user)`` returns the section's template context, or None when the
section has nothing to show (it is then left out). It runs on every visit
to the dashboard: keep it to a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DashboardSection:
    """One app's section of the dashboard: its template and its data."""

    key: str
    template: str
    context: Callable[[Any], dict | None]


@dataclass(frozen=True)
class RenderedSection:
    """A section ready for the dashboard template to include."""

    key: str
    template: str
    context: dict


_sections: dict[str, DashboardSection] = {}


def register_dashboard_section(
    *, key: str, template: str, context: Callable[[Any], dict | None]
) -> None:
    """Show ``template`` on every learner's dashboard, with ``context(user)``."""
    section = DashboardSection(key=key, template=template, context=context)
    if _sections.get(key, section) != section:
        raise ValueError(f"Another app registered a dashboard section as {key!r}.")
    _sections[key] = section


def dashboard_sections(*, user) -> list[RenderedSection]:
    """The registered sections that have something for ``user``, in the order
    they were registered."""
    rendered = []
    for section in _sections.values():
        context = section.context(user)
        if context:
            rendered.append(RenderedSection(section.key, section.template, context))
    return rendered
