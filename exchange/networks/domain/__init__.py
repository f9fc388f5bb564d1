"""Improvement networks' domain, one module per area."""
