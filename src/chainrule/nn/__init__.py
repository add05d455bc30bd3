"""Layers and networks built from the graph's nodes, and the records of the activations and
losses they apply."""

from chainrule.nn.activations import ACTIVATIONS, Activation, get_activation
from chainrule.nn.dense import BIAS_MODES, Dense
from chainrule.nn.losses import LOSSES, Loss, get_loss
from chainrule.nn.network import Network

__all__ = [
    "ACTIVATIONS",
    "BIAS_MODES",
    "LOSSES",
    "Activation",
    "Dense",
    "Loss",
    "Network",
    "get_activation",
    "get_loss",
]
