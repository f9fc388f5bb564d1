"""news models."""
