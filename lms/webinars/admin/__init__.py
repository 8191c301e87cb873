"""Admin screens of the webinars app beyond the page editor: attendance."""
