"""Admin: analysis (being written)."""
