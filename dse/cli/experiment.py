"""dse CLI commands: experiment (filled in by its issue)."""
