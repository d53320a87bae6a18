"""Value rules of the search methods' options, and their check before a search starts.

A method declares its options as keyword parameters whose type hints carry their ranges as pydantic constraints in
``typing.Annotated`` (the aliases below, e.g. ``population: AtLeast2 = 32``). :func:`check_option_values` validates a
stage's options against those hints in pydantic's strict mode: the native types YAML gives, no coercion (an integer
is accepted where a float is expected, a string never where a number is). A method that takes ``**options`` (the RL
agents) checks its own (:func:`npu_dse.search.rl.check_options`).
"""

from __future__ import annotations

import inspect
import typing
from typing import Annotated, Any, Callable, Mapping

from pydantic import Field, TypeAdapter, ValidationError

from npu_dse.cost_models.errors import SpaceError

Count = Annotated[int, Field(ge=1)]
"""An integer >= 1 (population sizes, batch sizes, chains, steps)."""

AtLeast2 = Annotated[int, Field(ge=2)]
"""An integer >= 2 (a population that can breed)."""

NonNegativeCount = Annotated[int, Field(ge=0)]
"""An integer >= 0."""

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
"""A probability in [0, 1]."""

BelowOne = Annotated[float, Field(ge=0.0, lt=1.0)]
"""A probability in [0, 1) (a geometric continuation probability: 1 would never stop)."""

Positive = Annotated[float, Field(gt=0.0)]
"""A float > 0 (temperatures, learning rates)."""


def option_hints(fn: Callable[..., Any]) -> dict[str, Any]:
    """Option name -> type hint (with its ``Annotated`` constraints) of a search function's keyword options: every
    parameter but ``ctx``, ``seed`` and ``elite``."""
    hints = typing.get_type_hints(fn, include_extras=True)
    params = inspect.signature(fn).parameters
    return {n: hints.get(n, Any) for n, p in params.items()
            if n not in ("ctx", "seed", "elite") and p.kind is not inspect.Parameter.VAR_KEYWORD}


def check_option_values(method: str, hints: Mapping[str, Any], options: Mapping[str, Any]) -> None:
    """Validate ``options`` against ``hints`` (:func:`option_hints`); options without a hint are not checked.

    Raises:
        SpaceError: the first option of a wrong type or out of range, as ``stage 'ga': option 'population' = 0:
            Input should be greater than or equal to 2``.
    """
    for name, value in options.items():
        if name not in hints:
            continue
        try:
            TypeAdapter(hints[name]).validate_python(value, strict=True)
        except ValidationError as exc:
            raise SpaceError(f"stage {method!r}: option {name!r} = {value!r}: {exc.errors()[0]['msg']}") from None
