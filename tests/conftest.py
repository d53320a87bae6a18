"""Test-suite settings shared by every module.

Hypothesis's per-example deadline (200 ms by default) is a wall-clock assertion: on a loaded 2-core machine a cold
first call (imports, caches) exceeds it and the test fails as "flaky". Speed is measured in ``benchmarks/``, so the
deadline is off for every property test.
"""

from hypothesis import settings

settings.register_profile("npu-dse", deadline=None)
settings.load_profile("npu-dse")


import pytest  # noqa: E402


@pytest.fixture(scope="module")
def aladdin_mac():
    """The physical technology with the Aladdin MAC of ``logic.csv`` (``AladdinIntMAC``) in place of
    :meth:`~npu_dse.cost_models.technology.physical.PhysicalTechnology.mac`'s NeuroSim adders, and the area overhead
    calibrated with it: the landscape on which the GA tests that name designs (traps, best designs found) were
    found. Those tests check the GA's escapes on a real landscape, not the technology, so they keep theirs."""
    from npu_dse.cost_models.technology import physical, tables

    def mac(self, word_bits: int) -> dict[str, float]:
        r = tables.logic("AladdinIntMAC", self.node_nm, int(word_bits), physical.ACCUMULATOR_BITS[int(word_bits)])
        return {"energy_pj": r["energy_pj_per_op"], "area_um2": r["area_um2"], "leakage_mw": r["leakage_mw"]}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(physical.PhysicalTechnology, "mac", mac)
        mp.setattr(physical, "AREA_OVERHEAD", 0.137976006927)
        yield
