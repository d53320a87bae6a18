"""A Gantt chart of a branch-parallel schedule: both units over time (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path

from npu_dse.hetero.schedule import UNITS, HeteroResult


def timeline(result: HeteroResult) -> list[tuple[str, str, float, float]]:
    """(unit, node, start ms, end ms) of every node in the branch-parallel schedule: nodes in topological order,
    a parallel group's branches side by side on their units from the group's start."""
    in_group = {}
    for g in result.groups:
        if g.parallel:
            for branch, unit in zip(g.branches, g.assignment):
                for n in branch:
                    in_group[n] = (g.fork, unit)
    out: list[tuple[str, str, float, float]] = []
    t = 0.0
    group_start: dict[str, float] = {}
    group_end: dict[str, float] = {}
    lane_time: dict[tuple[str, str], float] = {}
    for n, unit in result.placement.items():
        if n in in_group:
            fork, u = in_group[n]
            start = group_start.setdefault(fork, t)
            s = lane_time.get((fork, u), start)
            e = s + result.node_ms[n][u]
            lane_time[(fork, u)] = e
            group_end[fork] = max(group_end.get(fork, start), e)
            out.append((u, n, s, e))
            continue
        for fork, end in list(group_end.items()):
            t = max(t, end)
            del group_end[fork]
        e = t + result.node_ms[n][unit]
        out.append((unit, n, t, e))
        t = e
    return out


def plot_gantt(result: HeteroResult, path: str | Path) -> Path:
    """Draw :func:`timeline` as one row per unit and save it as PNG (atomically)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from npu_dse.results import atomic_write_bytes

    rows = timeline(result)
    fig, ax = plt.subplots(figsize=(11, 2.6))
    colors = {"cpu": "tab:blue", "npu": "tab:orange"}
    for unit, _, s, e in rows:
        ax.barh(UNITS.index(unit), e - s, left=s, color=colors[unit], edgecolor="black", linewidth=0.3)
    ax.set_yticks(range(len(UNITS)), [u.upper() for u in UNITS])
    ax.set_xlabel("time (ms)")
    ax.set_title(f"{result.network}: branch-parallel {result.branch_parallel_ms:.1f} ms "
                 f"(sequential {result.sequential_ms:.1f} ms)")
    fig.tight_layout()
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return atomic_write_bytes(path, buf.getvalue())
