"""ConfuciuX's RL agent, re-implemented: REINFORCE with an LSTM policy and one categorical head per parameter.

Following Kao et al., "ConfuciuX" (MICRO 2020) and its ``src/ConfX/rl_confx.py`` (read, not copied):

- policy: the observation goes through a 3-layer MLP (hidden 128, ReLU) into an LSTM (128, stepped as ConfuciuX's
  ``LSTMCell``) whose state runs across the layers of an episode; each per-layer parameter (ConfuciuX: PEs and
  buffer) has its own head (Linear-ReLU-Linear-softmax) over its levels;
- one update per finished episode: rewards z-normalised within the episode, discounted returns with
  ``gamma = 0.9``, returns z-normalised again, loss ``-sum(log_prob * return)``, Adam with learning rate 1e-3,
  gradient norms clipped to 100 (whole model) and 10 (LSTM). Option ``episodes_per_update`` samples several
  episodes together and sums their losses into one update (faster; 1, the default, is the original).

It runs on :class:`npu_dse.envs.LayerwiseAssignment` (through :class:`npu_dse.envs.LayerwiseAssignmentVector`), so
unlike the original it sees the layer being decided (not the previous one), and broken budgets end the episode with the
environment's documented penalty.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from npu_dse.cost_models.errors import SpaceError
from npu_dse.cost_models.evaluator import Evaluation, Problem
from npu_dse.search.context import SearchContext
from npu_dse.search.options import Count, Positive, Probability
from npu_dse.search.threads import single_threaded
from npu_dse.envs import LayerwiseAssignmentVector
from npu_dse.envs.layerwise import check_layerwise_space

GAMMA = 0.9
LEARNING_RATE = 1e-3
CLIP_MODEL = 100.0
CLIP_LSTM = 10.0
EPS = 2.0**-12


class LstmPolicy(nn.Module):
    """MLP encoder -> one-layer LSTM -> one softmax head per parameter.

    :meth:`forward` takes one step ``obs (B, obs_size)`` through the LSTM's cell (ConfuciuX's ``LSTMCell``; used
    for sampling, no gradients needed); :meth:`log_prob` re-evaluates whole episodes ``obs (T, B, obs_size)`` in one
    sequence call with the same weights, which is how the update gets the same gradients as a per-step graph at a
    fraction of the cost.
    """

    def __init__(self, obs_size: int, nvec: list[int], hidden: int = 128) -> None:
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(obs_size, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
        )
        self.lstm = nn.LSTM(hidden, hidden)
        self.heads = nn.ModuleList(
            nn.Sequential(nn.Linear(hidden, n), nn.ReLU(), nn.Linear(n, n)) for n in nvec
        )

    def forward(self, obs: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor] | None):
        """One step: ``obs (B, obs_size)`` -> per-parameter probabilities ``[(B, levels)]``, LSTM state."""
        x = self.encoder(obs)
        if state is None:
            state = (x.new_zeros(x.shape), x.new_zeros(x.shape))
        lstm = self.lstm
        h, c = torch.lstm_cell(x, state, lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0)
        return [torch.softmax(head(h), dim=-1) for head in self.heads], (h, c)

    def log_prob(self, obs: torch.Tensor, actions: torch.Tensor) -> torch.Tensor:
        """Summed log-probability of ``actions (T, B, n_params)`` (int64) given ``obs (T, B, obs_size)`` ->
        ``(T, B)``."""
        h, _ = self.lstm(self.encoder(obs))
        return sum(torch.log_softmax(head(h), dim=-1).gather(-1, actions[..., i:i + 1]).squeeze(-1)
                   for i, head in enumerate(self.heads))


def check_problem(problem: Problem) -> None:
    """Raise :class:`SpaceError` unless ``problem``'s space has per-layer parameters and one value for each global
    one (the agent assigns per layer, :func:`npu_dse.envs.layerwise.check_layerwise_space`)."""
    if not problem.space.per_layer:
        raise SpaceError("reinforce (ConfuciuX's agent) needs per-layer parameters; use ppo/dqn for global spaces")
    check_layerwise_space(problem.space)


def reinforce(ctx: SearchContext, seed: int, elite: list[Evaluation], hidden: Count = 128,
              learning_rate: Positive = LEARNING_RATE, gamma: Probability = GAMMA,
              episodes_per_update: Count = 1) -> None:
    """Train ConfuciuX's agent until the stage budget is used, recording every episode.

    Args:
        ctx, seed, elite: as every search method (:data:`npu_dse.search.pipeline.METHODS`).
        hidden: width of the MLP and the LSTM.
        learning_rate, gamma: Adam's learning rate and the discount.
        episodes_per_update: episodes sampled together (one batched policy call per layer) before one update whose
            loss is the sum of their losses; 1 is ConfuciuX's one update per episode.

    Raises:
        SpaceError: the space has no per-layer parameters (the agent assigns per layer), or
            ``episodes_per_update < 1``.
    """
    with single_threaded():  # the same answer whatever the process's thread count
        _reinforce(ctx, seed, hidden, learning_rate, gamma, episodes_per_update)


def _reinforce(ctx: SearchContext, seed: int, hidden: int, learning_rate: float, gamma: float,
               episodes_per_update: int) -> None:
    check_problem(ctx.problem)
    if episodes_per_update < 1:
        raise SpaceError(f"reinforce: option 'episodes_per_update' must be >= 1, got {episodes_per_update}")
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    B = int(episodes_per_update)
    venv = LayerwiseAssignmentVector(B, evaluator=ctx.evaluator, autoreset="disabled")
    policy = LstmPolicy(venv.single_observation_space.shape[0], [int(n) for n in venv.nvec], hidden)
    opt = torch.optim.Adam(policy.parameters(), lr=learning_rate)
    gen = torch.Generator().manual_seed(int(rng.integers(2**31)))
    while ctx.remaining > 0:
        obs, _ = venv.reset(seed=int(rng.integers(2**31)))
        state = None
        observations: list[torch.Tensor] = []  # per step: (B, obs_size)
        chosen: list[torch.Tensor] = []  # per step: (B, n_params)
        rewards: list[np.ndarray] = []  # per step: (B,)
        live: list[np.ndarray] = []  # per step: which episodes were still running
        finals: list[dict[str, Any] | None] = [None] * B
        running = np.ones(B, dtype=bool)
        while running.any():
            observations.append(torch.as_tensor(obs))
            with torch.no_grad():
                probs, state = policy(observations[-1], state)
                actions = torch.stack([torch.multinomial(p, 1, generator=gen).reshape(B) for p in probs], dim=1)
            chosen.append(actions)
            obs, r, terminated, _, info = venv.step(actions.numpy())
            rewards.append(r)
            live.append(running.copy())
            if "final_info" in info:
                for k in np.flatnonzero(info["_final_info"]):
                    finals[k] = info["final_info"][k]
            running = ~terminated
        for fi in finals:
            if ctx.remaining == 0:
                break
            ctx.record(fi)
        log_probs = policy.log_prob(torch.stack(observations), torch.stack(chosen)).T  # (B, T)
        _update(policy, opt, log_probs, np.stack(rewards, axis=1), np.stack(live, axis=1), gamma)


def _update(policy: LstmPolicy, opt: torch.optim.Optimizer, log_probs: torch.Tensor, rewards: np.ndarray,
            live: np.ndarray, gamma: float) -> None:
    """One Adam step on ``-sum(log_prob * normalised return)`` over the episodes' own steps ((B, T) arrays)."""
    weights = np.zeros(rewards.shape, dtype=np.float64)
    for b in range(rewards.shape[0]):
        r = rewards[b, live[b]]
        r = (r - r.mean()) / (r.std() + EPS)
        returns = np.zeros_like(r)
        acc = 0.0
        for t in range(len(r) - 1, -1, -1):
            acc = r[t] + gamma * acc
            returns[t] = acc
        weights[b, live[b]] = (returns - returns.mean()) / (returns.std() + EPS)
    loss = -(log_probs * torch.as_tensor(weights, dtype=torch.float32)).sum()
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(policy.parameters(), CLIP_MODEL)
    nn.utils.clip_grad_norm_(policy.lstm.parameters(), CLIP_LSTM)
    opt.step()
