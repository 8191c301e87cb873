"""Admin screens for bureau staff: registrant lists, numbers and messages."""
