"""Qt item models: thin adapters over a `Comparison` (DESIGN §6.3)."""
