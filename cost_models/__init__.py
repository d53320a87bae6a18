"""Cost models of DNN accelerators: workloads, formats, the MAESTRO-style analysis engine, design spaces.

Nothing here imports from :mod:`npu_dse.envs` or the rest of :mod:`npu_dse` (DESIGN.md §2).
"""
