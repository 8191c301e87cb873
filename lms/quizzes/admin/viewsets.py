"""Admin: question, bank and quiz editing (being written)."""
