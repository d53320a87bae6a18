"""dse CLI commands: cost (filled in by its issue)."""
