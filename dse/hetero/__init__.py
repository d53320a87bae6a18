"""Branch-parallel execution of a network on heterogeneous processing units (CPU + NPU).

From the seed "Performance Improvement of Neural-net Computation using Branch-Parallel Execution on Heterogeneous
Processing Units" (NEST-C; ``reference/seeds/``): find the network's parallel-branch groups (:mod:`.graph`), cost
every node on every unit (:mod:`.units`; this machine's CPU measured with onnxruntime: :mod:`.host`), place the
nodes, and run a group's branches on different units at once only when that beats running them one after the
other (:mod:`.schedule`). ``dse hetero`` drives it.
"""
