"""MAESTRO's dataflow grammar as its own parser reads it, for tests of the text our exports write."""

import re

_TOKEN = r"(?:\d+|[A-Za-z_]\w*|Sz\s*\(\s*[A-Z]'?\s*\))"
_MAP = re.compile(rf"(?:SpatialMap|TemporalMap)\s*\(\s*{_TOKEN}\s*,\s*{_TOKEN}\s*\)\s*[A-Z]'?")
_CLUSTER = re.compile(rf"Cluster\s*\(\s*{_TOKEN}\s*,\s*[PL]\s*\)")


def maestro_reads(text: str) -> list[str]:
    """The directives of ``text`` that MAESTRO 4eb08d1's parser (``DFSL_parser.hpp``) cannot read: a size or offset
    that is not one integer, constant or ``Sz(dim)`` (``Dataflow_MapSize``/``Dataflow_MapOffset`` take one
    token), a Cluster without its type (``Dataflow_ClusterType`` takes the token after the size as the type)."""
    directives = [d.strip() for d in re.sub(r"//[^\n]*", "", text).split(";") if d.strip()]
    return [d for d in directives if not (_MAP.fullmatch(d) or _CLUSTER.fullmatch(d))]
