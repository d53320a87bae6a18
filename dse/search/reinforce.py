"""ConfuciuX's RL agent, re-implemented: REINFORCE with an LSTM policy and one categorical head per parameter.

Following Kao et al., "ConfuciuX" (MICRO 2020) and its ``src/ConfX/rl_confx.py`` (read, not copied):

- policy: the observation goes through a 3-layer MLP (hidden 128, ReLU) into an ``LSTMCell(128)`` whose state
  runs across the layers of an episode; each per-layer parameter (ConfuciuX: PEs and buffer) has its own head
  (Linear-ReLU-Linear-softmax) over its levels;
- one update per finished episode: rewards z-normalised within the episode, discounted returns with
  ``gamma = 0.9``, returns z-normalised again, loss ``-sum(log_prob * return)``, Adam with learning rate 1e-3,
  gradient norms clipped to 100 (whole model) and 10 (LSTM).

It runs on :class:`envs.LayerwiseAssignment`, so unlike the original it sees the layer being decided (not the
previous one), and broken budgets end the episode with the environment's documented penalty.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from cost_models.errors import SpaceError
from cost_models.evaluator import Evaluation
from dse.search.context import SearchContext
from envs import LayerwiseAssignment

GAMMA = 0.9
LEARNING_RATE = 1e-3
CLIP_MODEL = 100.0
CLIP_LSTM = 10.0
EPS = 2.0**-12


class LstmPolicy(nn.Module):
    """MLP encoder -> LSTMCell -> one softmax head per parameter."""

    def __init__(self, obs_size: int, nvec: list[int], hidden: int = 128) -> None:
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(obs_size, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
        )
        self.lstm = nn.LSTMCell(hidden, hidden)
        self.heads = nn.ModuleList(
            nn.Sequential(nn.Linear(hidden, n), nn.ReLU(), nn.Linear(n, n)) for n in nvec
        )

    def forward(self, obs: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor] | None):
        h, c = self.lstm(self.encoder(obs), state)
        return [torch.distributions.Categorical(logits=head(h)) for head in self.heads], (h, c)


def reinforce(ctx: SearchContext, seed: int, elite: list[Evaluation], hidden: int = 128,
              learning_rate: float = LEARNING_RATE, gamma: float = GAMMA) -> None:
    """Train ConfuciuX's agent until the stage budget is used, recording every episode.

    Raises:
        SpaceError: the space has no per-layer parameters (the agent assigns per layer).
    """
    if not ctx.problem.space.per_layer:
        raise SpaceError("reinforce (ConfuciuX's agent) needs per-layer parameters; use ppo/dqn for global spaces")
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    env = LayerwiseAssignment(evaluator=ctx.evaluator)
    policy = LstmPolicy(env.observation_space.shape[0], [int(n) for n in env.nvec], hidden)
    opt = torch.optim.Adam(policy.parameters(), lr=learning_rate)
    gen = torch.Generator().manual_seed(int(rng.integers(2**31)))
    while ctx.remaining > 0:
        obs, _ = env.reset(seed=int(rng.integers(2**31)))
        state = None
        log_probs: list[torch.Tensor] = []
        rewards: list[float] = []
        done = False
        info: dict[str, Any] = {}
        while not done:
            dists, state = policy(torch.as_tensor(obs).unsqueeze(0), state)
            actions = [torch.multinomial(d.probs, 1, generator=gen).reshape(1) for d in dists]
            log_probs.append(sum(d.log_prob(a) for d, a in zip(dists, actions)))
            obs, r, done, _, info = env.step(np.array([int(a) for a in actions]))
            rewards.append(r)
        ctx.record(info)
        _update(policy, opt, log_probs, rewards, gamma)


def _update(policy: LstmPolicy, opt: torch.optim.Optimizer, log_probs: list[torch.Tensor], rewards: list[float],
            gamma: float) -> None:
    r = np.asarray(rewards, dtype=np.float64)
    r = (r - r.mean()) / (r.std() + EPS)
    returns = np.zeros_like(r)
    acc = 0.0
    for t in range(len(r) - 1, -1, -1):
        acc = r[t] + gamma * acc
        returns[t] = acc
    returns = (returns - returns.mean()) / (returns.std() + EPS)
    loss = -(torch.cat(log_probs) * torch.as_tensor(returns, dtype=torch.float32)).sum()
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(policy.parameters(), CLIP_MODEL)
    nn.utils.clip_grad_norm_(policy.lstm.parameters(), CLIP_LSTM)
    opt.step()
