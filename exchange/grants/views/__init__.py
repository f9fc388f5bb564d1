"""Small grants' pages. Each module lists its own URLs (urls.py puts them together)."""
