"""The Learning Exchange: where police forces in England and Wales learn from each other."""
