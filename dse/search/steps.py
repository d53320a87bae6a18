"""Random moves along one gene's fine values, shared by the GA's mutation and the oscillation's kick."""

from __future__ import annotations

import math
import random


def signed_step(rng: random.Random, i: int, max_step: int) -> int:
    """A signed step from fine index ``i``: 1..max(``max_step``, (i + 1) // 4) fine steps, log-uniform (small steps
    most often; larger values take larger steps), up or down with even odds. Draws ``rng.uniform`` then
    ``rng.random``."""
    big = max(max_step, (i + 1) // 4)
    size = int(math.exp(rng.uniform(0.0, math.log(big + 1))))
    return max(1, min(size, big)) * (1 if rng.random() < 0.5 else -1)
