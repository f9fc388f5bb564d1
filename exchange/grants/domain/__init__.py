"""The small grants scheme's business rules. Each function does the whole job (check, write,
log, notify); pages, the API and the demo call the same ones."""
