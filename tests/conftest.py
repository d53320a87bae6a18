"""Test-suite settings shared by every module.

Hypothesis's per-example deadline (200 ms by default) is a wall-clock assertion: on a loaded 2-core machine a cold
first call (imports, caches) exceeds it and the test fails as "flaky". Speed is measured in ``benchmarks/``, so the
deadline is off for every property test.
"""

from hypothesis import settings

settings.register_profile("npu-dse", deadline=None)
settings.load_profile("npu-dse")
