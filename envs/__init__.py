"""Gymnasium environments over a :class:`cost_models.evaluator.Evaluator`.

Importing this package registers:

- ``npu-dse/LayerwiseAssignment-v0`` — :class:`envs.layerwise.LayerwiseAssignment` (ConfuciuX per-layer problem);
- ``npu-dse/AcceleratorConfig-v0`` — :class:`envs.accelerator.AcceleratorConfig` (global problem).

:class:`envs.layerwise_vector.LayerwiseAssignmentVector` steps many per-layer episodes together (for agents).

Both take a ready ``problem=Problem(...)`` or the keywords of :meth:`cost_models.evaluator.Problem.build`, e.g.
``gymnasium.make("npu-dse/LayerwiseAssignment-v0", model="resnet50", platform="edge")``.
"""

from gymnasium.envs.registration import register, registry

from envs.accelerator import AcceleratorConfig
from envs.layerwise import LayerwiseAssignment
from envs.layerwise_vector import LayerwiseAssignmentVector
from envs.wrappers import FlattenAction

for _id, _entry in (
    ("npu-dse/LayerwiseAssignment-v0", "envs.layerwise:LayerwiseAssignment"),
    ("npu-dse/AcceleratorConfig-v0", "envs.accelerator:AcceleratorConfig"),
):
    if _id not in registry:
        register(id=_id, entry_point=_entry, disable_env_checker=False)

__all__ = ["AcceleratorConfig", "FlattenAction", "LayerwiseAssignment", "LayerwiseAssignmentVector"]
