"""Gymnasium environments over a :class:`npu_dse.cost_models.evaluator.Evaluator`.

Importing this package registers:

- ``npu-dse/LayerwiseAssignment-v0`` — :class:`npu_dse.envs.layerwise.LayerwiseAssignment` (ConfuciuX per-layer problem);
- ``npu-dse/AcceleratorConfig-v0`` — :class:`npu_dse.envs.accelerator.AcceleratorConfig` (global problem).

:class:`npu_dse.envs.layerwise_vector.LayerwiseAssignmentVector` steps many per-layer episodes together (for agents).

Both take a ready ``problem=Problem(...)`` or the keywords of :meth:`npu_dse.cost_models.evaluator.Problem.build`, e.g.
``gymnasium.make("npu-dse/LayerwiseAssignment-v0", model="resnet50", platform="edge")``.
"""

from gymnasium.envs.registration import register, registry

from npu_dse.envs.accelerator import AcceleratorConfig
from npu_dse.envs.layerwise import LayerwiseAssignment
from npu_dse.envs.layerwise_vector import LayerwiseAssignmentVector
from npu_dse.envs.wrappers import FlattenAction

for _id, _entry in (
    ("npu-dse/LayerwiseAssignment-v0", "npu_dse.envs.layerwise:LayerwiseAssignment"),
    ("npu-dse/AcceleratorConfig-v0", "npu_dse.envs.accelerator:AcceleratorConfig"),
):
    if _id not in registry:
        register(id=_id, entry_point=_entry, disable_env_checker=False)

__all__ = ["AcceleratorConfig", "FlattenAction", "LayerwiseAssignment", "LayerwiseAssignmentVector"]
