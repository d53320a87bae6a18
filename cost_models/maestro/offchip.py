"""Off-chip (DRAM) traffic of a MAESTRO mapping on a global buffer (L2) of finite size.

MAESTRO counts each input and filter tensor into the L2 once (its "L2 write" is the whole tensor, set once;
ALGORITHM.md §10) whatever the L2 holds, while the L2 the mapping needs is only its double-buffered tiles (the
"L2 requirement", §9). Under a physical technology that made a 16 KiB buffer look as good as a megabyte: every
layer's activations crossed the DRAM interface once. ALGORITHM.md §14.10 names the correction, "model DRAM traffic
per tile with reuse", and this module makes it.

Each of the three tensors either **stays** in the L2 for the whole layer, and then crosses the DRAM interface once
(inputs and weights in, outputs out), or is **staged** through the mapping's tiles, and then every tile the array
takes from the L2 comes from DRAM: the tensor's L2 reads (MAESTRO's ingress, which already keeps the reuse
between consecutive iterations) instead of its size. Outputs that do not stay send their partial sums out and read
them back once for every revisit (MAESTRO's output L2 writes over its outputs, minus the final write). The tensors
that stay are the set with the least traffic among those whose sizes, per run of the problem, fit in the L2
beside the staging tiles (``l2_req``). With an unbounded L2 every tensor stays: the traffic is the compulsory one.

Both paths of :func:`npu_dse.cost_models.maestro.analyze_layer` call :func:`dram_elems` (the vectorised one with
numpy arrays, the one-point one with floats): the same sums in the same order, so the same bits.
"""

from __future__ import annotations

import itertools

import numpy as np

#: The subsets of (input, filter, output) that may stay in the L2, in the order they are tried (ties: the first).
RESIDENT_SETS = tuple(itertools.product((True, False), repeat=3))


def dram_elems(size_in, reads_in, size_f, reads_f, outputs, revisits, mult, l2_req, l2_elems):
    """DRAM traffic (elements) of a mapping with the tensors that stay chosen for the least traffic.

    Args (floats, or float arrays of one shape; all counts over every run of the problem):
        size_in, size_f: the input and filter tensors (MAESTRO's ``*_l2_write``), elements.
        reads_in, reads_f: their L2 reads (MAESTRO's ingress, ``*_l2_read``), elements.
        outputs: the layer's true output elements.
        revisits: how many times each output is written to the L2 (MAESTRO's output L2 writes over its outputs;
            1 when the reduction completes in the PEs).
        mult: runs of the problem (:func:`npu_dse.cost_models.maestro.problem_for`); a tensor stays if one run's
            share fits.
        l2_req: the mapping's staging tiles, elements (per run).
        l2_elems: the provisioned L2, elements (``inf``: unbounded).

    Returns:
        the traffic, float or float array: inputs and weights in, outputs and spilled partial sums out and back.
    """
    vector = isinstance(l2_elems, np.ndarray)
    larger = np.maximum if vector else max
    spill = outputs + 2.0 * larger(revisits - 1.0, 0.0) * outputs
    staged_in, staged_f = larger(reads_in, size_in), larger(reads_f, size_f)
    best = None
    for keep_in, keep_f, keep_out in RESIDENT_SETS:
        need = l2_req
        if keep_in:
            need = need + size_in / mult
        if keep_f:
            need = need + size_f / mult
        if keep_out:
            need = need + outputs / mult
        traffic = (size_in if keep_in else staged_in) + (size_f if keep_f else staged_f) + \
            (outputs if keep_out else spill)
        if vector:
            traffic = np.where(need <= l2_elems, traffic, np.inf)
            best = traffic if best is None else np.minimum(best, traffic)
        elif need <= l2_elems and (best is None or traffic < best):
            best = traffic
    if best is None:  # not even the tiles fit: staged (the point is infeasible through l2_req anyway)
        best = staged_in + staged_f + spill
    elif vector:
        best = np.where(np.isinf(best), staged_in + staged_f + spill, best)
    return best
