"""Present :class:`npu_dse.envs.LayerwiseAssignmentVector` to stable-baselines3 as one of its ``VecEnv``.

SB3 steps vectorised environments through its own ``VecEnv`` API (list-of-dict infos, ``terminal_observation``,
``env_method("action_masks")`` for sb3-contrib's MaskablePPO). This adapter maps that API onto the numpy-vectorised
per-layer environment, so SB3 agents see a batch of ``num_envs`` episodes per policy call instead of one.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from stable_baselines3.common.vec_env import VecEnv

from npu_dse.envs import LayerwiseAssignmentVector


class Sb3LayerwiseVecEnv(VecEnv):
    """SB3 ``VecEnv`` over a same-step-autoreset :class:`npu_dse.envs.LayerwiseAssignmentVector`.

    Each finished episode's info holds the single environment's end-of-episode entries (``design``, ``metrics``,
    ``feasible``, ``violations``) and ``terminal_observation``; ``env_method("action_masks")`` returns one mask per
    episode.

    Raises:
        ValueError: the vector environment does not autoreset in the same step.
    """

    def __init__(self, venv: LayerwiseAssignmentVector) -> None:
        if venv.autoreset != "same_step":
            raise ValueError("Sb3LayerwiseVecEnv needs a LayerwiseAssignmentVector with autoreset='same_step'")
        self.venv = venv
        super().__init__(venv.num_envs, venv.single_observation_space, venv.single_action_space)
        self._actions: np.ndarray | None = None

    def reset(self) -> np.ndarray:
        obs, _ = self.venv.reset()
        self._reset_seeds()
        self._reset_options()
        return obs

    def step_async(self, actions: np.ndarray) -> None:
        self._actions = actions

    def step_wait(self):
        obs, rewards, terminated, truncated, info = self.venv.step(self._actions)
        infos: list[dict[str, Any]] = [{} for _ in range(self.num_envs)]
        if "final_info" in info:
            for k in np.flatnonzero(info["_final_info"]):
                infos[k] = dict(info["final_info"][k])
                infos[k]["terminal_observation"] = info["final_obs"][k]
                infos[k]["TimeLimit.truncated"] = False
        return obs, rewards.astype(np.float32), terminated | truncated, infos

    def close(self) -> None:
        return None

    def get_attr(self, attr_name: str, indices: Any = None) -> list[Any]:
        return [getattr(self.venv.env, attr_name)] * len(self._get_indices(indices))

    def set_attr(self, attr_name: str, value: Any, indices: Any = None) -> None:
        raise AttributeError(f"Sb3LayerwiseVecEnv does not set attributes (asked for {attr_name!r})")

    def env_method(self, method_name: str, *method_args: Any, indices: Any = None, **method_kwargs: Any) -> list:
        idx = list(self._get_indices(indices))
        if method_name == "action_masks":
            masks = self.venv.action_masks()
            return [masks[i] for i in idx]
        raise AttributeError(f"Sb3LayerwiseVecEnv supports env_method('action_masks') only, not {method_name!r}")

    def env_is_wrapped(self, wrapper_class: type, indices: Any = None) -> list[bool]:
        return [False] * len(self._get_indices(indices))

    def _get_indices(self, indices: Any) -> Sequence[int]:
        if indices is None:
            return range(self.num_envs)
        return [indices] if isinstance(indices, int) else list(indices)
