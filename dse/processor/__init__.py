"""The RNN processor: a bit-accurate fixed-point SIMD simulator behind a PyTorch-compatible API (DESIGN.md §5).

Modules: :mod:`.fixed_point` (number semantics), :mod:`.activation` (sigmoid/tanh units), :mod:`.config`
(:class:`ProcessorConfig`, ``from_design``), :mod:`.isa` (instructions, cycle costs), :mod:`.machine` (memories,
executor, schedule), :mod:`.compiler` (RNN/GRU/LSTM -> programs), :mod:`.reference` (scalar reference),
:mod:`.nn` (``RNN``/``GRU``/``LSTM`` modules, imports torch), :mod:`.data` (MNIST idx reader),
:mod:`.mnist` (the MNIST row-by-row classifiers and their evaluation), :mod:`.cost_compare` (cycles vs the cost
model).
"""

from npu_dse.processor.config import CycleCosts, ProcessorConfig
from npu_dse.processor.fixed_point import FixedFormat, Overflow, Rounding

__all__ = ["ProcessorConfig", "CycleCosts", "FixedFormat", "Rounding", "Overflow"]
