"""``LayerwiseAssignmentVector``: many episodes of :class:`npu_dse.envs.LayerwiseAssignment` stepped together in numpy.

A search agent spends most of its time in per-step Python: one policy forward pass and one environment step per
layer of every episode. Stepping ``num_envs`` episodes at once lets the policy see a batch and turns the
environment's work into array look-ups over the same per-layer tables, with the same rewards, penalties, budgets,
observations and end-of-episode information as the single environment (the tests replay the same actions through
both).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium import spaces
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import OBJECTIVES, SUMMED_OVER_LAYERS, Evaluator, Problem
from npu_dse.envs.layerwise import LayerwiseAssignment, rectangle_mask


class LayerwiseAssignmentVector(VectorEnv):
    """``num_envs`` independent episodes of :class:`npu_dse.envs.LayerwiseAssignment`, vectorised.

    Args:
        num_envs: episodes stepped together (>= 1).
        problem, evaluator, **kwargs: as for :class:`npu_dse.envs.LayerwiseAssignment` (one shared evaluator: each finished
            episode counts once in its ``n_evaluations``).
        flatten: joint actions ``Discrete(prod(nvec))`` per episode (C order, last parameter fastest, as
            :class:`npu_dse.envs.FlattenAction`); else ``MultiDiscrete(nvec)`` per episode.
        autoreset: ``"same_step"`` (gymnasium ``AutoresetMode.SAME_STEP``: a finished episode restarts in the same
            call; the returned observation is the new episode's, the last one is ``info["final_obs"]``) or
            ``"disabled"`` (finished episodes stay finished, reward 0, until :meth:`reset`; for agents that collect
            whole batches of episodes).

    Spaces: ``single_observation_space`` and ``single_action_space`` as the single environment's (joint
    ``Discrete`` with ``flatten``); ``observation_space`` (num_envs, n_obs) float32; ``action_space`` the batched
    single action space.

    Info (gymnasium's vector convention: each key ``k`` has a boolean array ``_k`` marking the episodes it applies
    to): when episodes end in a call, ``final_info`` is an object array (num_envs,) holding, for each of them, the
    single environment's end-of-episode dict (``design``, ``metrics``, ``feasible``, ``violations``), and with
    same-step autoreset ``final_obs`` holds their last observations.

    Raises:
        SpaceError: as :class:`npu_dse.envs.LayerwiseAssignment`. ValueError: ``num_envs < 1`` or an unknown ``autoreset``.
    """

    metadata = {"render_modes": [], "autoreset_mode": AutoresetMode.SAME_STEP}

    def __init__(self, num_envs: int, problem: Problem | None = None, evaluator: Evaluator | None = None,
                 flatten: bool = False, autoreset: str = "same_step", **kwargs: Any) -> None:
        if num_envs < 1:
            raise ValueError(f"num_envs must be >= 1, got {num_envs}")
        if autoreset not in ("same_step", "disabled"):
            raise ValueError(f"autoreset must be 'same_step' or 'disabled', got {autoreset!r}")
        self.env = LayerwiseAssignment(problem=problem, evaluator=evaluator, **kwargs)
        self.num_envs = int(num_envs)
        self.flatten = bool(flatten)
        self.autoreset = autoreset
        self.metadata = {**self.metadata, "autoreset_mode": AutoresetMode.SAME_STEP if autoreset == "same_step"
                         else AutoresetMode.DISABLED}
        e = self.env
        self.nvec = e.nvec
        self.n_combos = int(np.prod(self.nvec))
        self.single_observation_space = e.observation_space
        self.single_action_space = spaces.Discrete(self.n_combos) if self.flatten else e.action_space
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self._prev_scale = np.maximum(self.nvec - 1, 1).astype(np.float64)
        self._step = np.zeros(self.num_envs, dtype=np.int64)
        self._used = np.zeros((self.num_envs, len(e.limits)))
        self._prev = np.zeros((self.num_envs, len(self.nvec)), dtype=np.int64)
        self._combos = np.zeros((self.num_envs, e.L), dtype=np.int64)
        self._finished = np.zeros(self.num_envs, dtype=bool)
        self._broken = np.zeros(self.num_envs, dtype=bool)

    # ------------------------------------------------------------------ gymnasium VectorEnv API
    def reset(self, *, seed: int | list[int] | None = None, options: dict | None = None):
        """Start every episode again (or those in ``options["reset_mask"]``); returns ``(obs, {})``.

        The environment has no randomness: ``seed`` is accepted for the API only.
        """
        mask = np.ones(self.num_envs, dtype=bool)
        if options and "reset_mask" in options:
            mask = np.asarray(options["reset_mask"], dtype=bool)
        self._restart(mask)
        return self._obs(), {}

    def _restart(self, mask: np.ndarray) -> None:
        self._step[mask] = 0
        self._used[mask] = 0.0
        self._prev[mask] = 0
        self._combos[mask] = 0
        self._finished[mask] = False
        self._broken[mask] = False

    def _obs(self) -> np.ndarray:
        e = self.env
        i = np.minimum(self._step, e.L - 1)
        remaining = np.clip((e._limits - self._used) / e._limits, 0.0, 1.0)
        obs = np.concatenate([e._shape_obs[i], e._op_obs[i], (i / e.L)[:, None], remaining,
                              self._prev / self._prev_scale], axis=1)
        return obs.astype(np.float32)

    def step(self, actions):
        """Step every running episode with its action (shape (num_envs,) flattened, else (num_envs, n_params)).

        Returns:
            ``(obs, rewards, terminated, truncated, info)``: arrays of shape (num_envs, ...), truncated all False.

        Raises:
            SpaceError: an action outside the single action space.
        """
        e = self.env
        acts = np.asarray(actions, dtype=np.int64)
        if self.flatten:
            combos = acts.reshape(self.num_envs)
            if np.any(combos < 0) or np.any(combos >= self.n_combos):
                raise SpaceError(f"actions {actions!r} are not in {self.action_space}")
            levels = e._grid[combos]
        else:
            levels = acts.reshape(self.num_envs, len(self.nvec))
            if np.any(levels < 0) or np.any(levels >= self.nvec):
                raise SpaceError(f"actions {actions!r} are not in {self.action_space}")
            combos = np.ravel_multi_index(tuple(levels.T), tuple(self.nvec))
        live = ~self._finished
        rewards = np.zeros(self.num_envs)
        terminated = self._finished.copy()
        idx = np.flatnonzero(live)
        if len(idx):
            i = self._step[idx]
            self._combos[idx, i] = combos[idx]
            self._used[idx], rewards[idx], broken = e.advance(i, self._used[idx], combos[idx])
            self._prev[idx] = levels[idx]
            self._step[idx] = i + 1
            done = broken | (i + 1 == e.L)
            terminated[idx] = done
            self._finished[idx] = done
            self._broken[idx] = broken
        ended = np.flatnonzero(terminated & live)
        info: dict[str, Any] = {}
        if len(ended):
            mask = np.zeros(self.num_envs, dtype=bool)
            mask[ended] = True
            final = np.full(self.num_envs, None, dtype=object)
            for k in ended:
                n = int(self._step[k])
                final[k] = fi = e._episode_info([int(c) for c in self._combos[k, :n]], self._used[k],
                                                bool(self._broken[k]))
                if e.objective not in SUMMED_OVER_LAYERS and fi["feasible"]:
                    v = fi["metrics"][e.objective] / e._ref
                    rewards[k] = v if OBJECTIVES[e.objective] == "max" else -v
            info["final_info"], info["_final_info"] = final, mask
            if self.autoreset == "same_step":
                last = self._obs()
                info["final_obs"] = np.array([last[k] if mask[k] else None for k in range(self.num_envs)],
                                             dtype=object)
                info["_final_obs"] = mask
                self._restart(mask)
        return self._obs(), rewards, terminated, np.zeros(self.num_envs, dtype=bool), info

    # ------------------------------------------------------------------ masking
    def feasible_combos(self) -> np.ndarray:
        """Boolean (num_envs, prod(nvec)): each episode's options of its current layer that keep every budget
        reachable (:meth:`LayerwiseAssignment.feasible`)."""
        return self.env.feasible(np.minimum(self._step, self.env.L - 1), self._used)

    def action_masks(self) -> np.ndarray:
        """Masks for sb3-contrib's MaskablePPO, one row per episode.

        Flattened actions: exactly :meth:`feasible_combos` (shape (num_envs, prod(nvec))); if no option of an
        episode is feasible, its least-using option only. MultiDiscrete: the single environment's rectangle masks
        (shape (num_envs, sum(nvec))).
        """
        ok = self.feasible_combos()
        e = self.env
        i = np.minimum(self._step, e.L - 1)
        if self.flatten:
            for k in np.flatnonzero(~ok.any(axis=1)):
                ok[k, int(np.argmin(e._use_fraction(int(i[k]))))] = True
            return ok
        shape = tuple(self.nvec)
        return np.stack([rectangle_mask(ok[k].reshape(shape), None if ok[k].any() else e._use_fraction(int(i[k])))
                         for k in range(self.num_envs)])
