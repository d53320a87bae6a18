"""Torch on one thread while an agent trains, whatever thread count the process has.

A search's result must not depend on how many threads it ran on (issue 15): torch's parallel reductions sum in a
thread-count-dependent order, and PPO's answer on the quickstart differed between one and two threads. The agents'
networks are small, so one thread also costs nothing; ``dse --threads`` still sets the other pools.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

import torch


@contextlib.contextmanager
def single_threaded() -> Iterator[None]:
    """Run the block with ``torch.set_num_threads(1)``, restoring the previous count after it."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


__all__ = ["single_threaded"]
