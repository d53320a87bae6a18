"""Random moves along one gene's fine values, shared by the GA's mutation and the oscillation's kick."""

from __future__ import annotations

import math
import random


def largest_step(i: int, max_step: int) -> int:
    """The most fine steps :func:`signed_step` takes from fine index ``i``: max(``max_step``, (i + 1) // 4)."""
    return max(max_step, (i + 1) // 4)


def signed_step(rng: random.Random, i: int, max_step: int) -> int:
    """A signed step from fine index ``i``: 1..:func:`largest_step` fine steps, log-uniform (small steps most often;
    larger values take larger steps), up or down with even odds. Draws ``rng.uniform`` then ``rng.random``."""
    big = largest_step(i, max_step)
    size = int(math.exp(rng.uniform(0.0, math.log(big + 1))))
    return max(1, min(size, big)) * (1 if rng.random() < 0.5 else -1)
