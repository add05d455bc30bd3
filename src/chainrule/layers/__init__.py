"""Layers and networks built from the graph's nodes."""

from .activations import ACTIVATIONS, DERIVATIVES, get_activation
from .dense import BIAS_MODES, Dense
from .network import Network

__all__ = ["ACTIVATIONS", "BIAS_MODES", "DERIVATIVES", "Dense", "Network", "get_activation"]
