"""Cost models of DNN accelerators: workloads, formats, the MAESTRO-style analysis engine, design spaces.

Nothing here imports from :mod:`envs` or :mod:`dse` (DESIGN.md §2).
"""
