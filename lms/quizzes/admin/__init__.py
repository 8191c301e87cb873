"""The quiz screens of the Wagtail admin, one module per screen family."""
