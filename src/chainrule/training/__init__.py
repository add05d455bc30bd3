"""Training: the loop, the Classifier and Regressor, metrics, progress and model files."""
