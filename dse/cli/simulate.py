"""dse CLI commands: simulate (filled in by its issue)."""
