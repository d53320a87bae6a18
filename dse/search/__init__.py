"""Search: RL global search, GA fine-tuning, baselines, exact optimum, Pareto fronts, and the pipeline."""
