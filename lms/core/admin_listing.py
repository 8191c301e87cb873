"""Admin listings shared by the apps: a queryset hook and extra buttons."""

from django.utils.functional import cached_property


class ListingMixin:
    """A viewset whose listing reads ``get_queryset(request)`` and adds buttons
    to each row (``row_buttons``) and to its header (``header_extra_buttons``).

    Wagtail's ModelViewSet has no queryset hook of its own (its index view
    takes the model's default manager), so the mixin gives it one.
    """

    def get_queryset(self, request):
        return self.model._default_manager.all()

    def row_buttons(self, instance) -> list:
        return []

    def header_extra_buttons(self, user) -> list:
        return []

    @cached_property
    def index_view_class(self):
        viewset = self

        class IndexView(super().index_view_class):
            def get_base_queryset(self):
                return viewset.get_queryset(self.request)

            def get_list_more_buttons(self, instance):
                return [
                    *super().get_list_more_buttons(instance),
                    *viewset.row_buttons(instance),
                ]

            @cached_property
            def header_buttons(self):
                return [
                    *super().header_buttons,
                    *viewset.header_extra_buttons(self.request.user),
                ]

        return IndexView
