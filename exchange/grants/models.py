"""grants models."""
