"""Admin: imports (being written)."""
