"""Gymnasium environments over a :class:`cost_models.evaluator.Evaluator` (registered on import)."""
