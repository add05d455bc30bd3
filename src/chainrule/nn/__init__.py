"""Layers and networks built from the graph's nodes."""

from chainrule.nn.activations import ACTIVATIONS, DERIVATIVES, get_activation
from chainrule.nn.dense import BIAS_MODES, Dense
from chainrule.nn.network import Network

__all__ = ["ACTIVATIONS", "BIAS_MODES", "DERIVATIVES", "Dense", "Network", "get_activation"]
