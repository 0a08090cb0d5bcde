"""The Qt window over the engine: a thin layer that receives a `Comparison` and shows it."""
