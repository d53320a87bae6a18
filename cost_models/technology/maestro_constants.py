"""Technology constants of the MAESTRO-style cost model: energy per access, area and power coefficients.

Every constant has its unit in its name and its source. Defaults are MAESTRO's published constants
(maestro-project/maestro commit 4eb08d1: ``cost-model/include/base/BASE_constants.hpp`` for energies and
``cost-model/include/design-space-exploration/DSE_cost-database.hpp`` for area/power; ALGORITHM.md §12).
MAESTRO models no DRAM energy; :attr:`Technology.dram_energy_pj` is ours (Sze et al., "Efficient Processing of
Deep Neural Networks", Proc. IEEE 2017, Fig. 7: a DRAM access costs about 200x a MAC).
"""

from __future__ import annotations

from dataclasses import dataclass

from npu_dse.cost_models.errors import HardwareError


@dataclass(frozen=True)
class Technology:
    """Per-access energies and per-unit area/power coefficients.

    Energies are in pJ per access (one element). Area in um^2, power in mW.

    Raises:
        HardwareError: a negative or non-finite constant (the message names it).
    """

    # --- energy (BASE_constants.hpp: mac_energy 0.00023 nJ; L1 = 1.68 x MAC, L2 = 18.61 x MAC) ---
    mac_energy_pj: float = 0.23
    l1_energy_per_mac: float = 1.68
    l2_energy_per_mac: float = 18.61
    # ours: DRAM energy per element moved off-chip (Sze et al. 2017, Fig. 7: ~200 x MAC)
    dram_energy_per_mac: float = 200.0
    # --- area (DSE_cost-database.hpp) ---
    mac_area_um2: float = 283.0            # per PE per SIMD lane
    sram_area_um2_per_byte: float = 0.104  # L1 and L2
    bus_area_um2_unit: float = 101.7938    # x (14.662 P + 28.895) x noc_bw
    arbiter_area_um2_unit: float = 395.473  # x max(1, 1.2886 P^2 + 5.5814 P - 23.711)
    # --- power (DSE_cost-database.hpp) ---
    mac_power_mw: float = 1.2223
    sram_power_mw_per_byte: float = 0.00345
    bus_power_mw_unit: float = 0.8         # x (14.662 P + 28.895) / 1000 x noc_bw
    arbiter_power_mw_unit: float = 0.34    # x max(1, (1.2886 P^2 + 5.5814 P - 23.711) / 1000)

    def __post_init__(self) -> None:
        for name, v in self.__dict__.items():
            if not (isinstance(v, (int, float)) and v >= 0 and v == v and v != float("inf")):
                raise HardwareError(f"technology constant {name!r} must be a finite number >= 0, got {v!r}")

    @property
    def l1_energy_pj(self) -> float:
        """Energy of one L1 access in pJ."""
        return self.l1_energy_per_mac * self.mac_energy_pj

    @property
    def l2_energy_pj(self) -> float:
        """Energy of one L2 access in pJ."""
        return self.l2_energy_per_mac * self.mac_energy_pj

    @property
    def dram_energy_pj(self) -> float:
        """Energy of one off-chip element transfer in pJ (ours; MAESTRO has none)."""
        return self.dram_energy_per_mac * self.mac_energy_pj


#: MAESTRO's constants (the default everywhere).
MAESTRO = Technology()
