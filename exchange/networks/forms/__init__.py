"""Improvement networks' forms, one module per area."""
