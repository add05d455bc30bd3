"""Weight initialisation, seeded: Xavier/Glorot and He (Kaiming), uniform or normal.

For a layer with ``fan_in`` inputs and ``fan_out`` units:
- ``xavier``: U(−a, a) with a = √(6 / (fan_in + fan_out)) (Glorot & Bengio 2010), for sigmoid/tanh;
- ``xavier_normal``: N(0, 2 / (fan_in + fan_out));
- ``he``: N(0, 2 / fan_in) (He et al. 2015), for ReLU and |t|;
- ``he_uniform``: U(−a, a) with a = √(6 / fan_in);
- ``uniform``: U(−1, 1), the small random start of the XOR blog post;
- ``auto``: what the activation's record names (``he`` for relu and abs, ``xavier`` for
  sigmoid and tanh).
"""

from __future__ import annotations

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.nn.activations import get_activation

INITIALIZERS = ("auto", "xavier", "xavier_normal", "he", "he_uniform", "uniform")


def initial_weights(
    units: int,
    fan_in: int,
    method: str = "auto",
    activation: str = "sigmoid",
    rng: np.random.Generator | None = None,
    dtype: np.dtype | type = np.float64,
) -> np.ndarray:
    """A (units, fan_in) weight matrix drawn by ``method``."""
    rng = rng if rng is not None else np.random.default_rng()
    if method == "auto":
        method = get_activation(activation).init
    shape = (units, fan_in)
    if method == "xavier":
        limit = np.sqrt(6.0 / (fan_in + units))
        w = rng.uniform(-limit, limit, size=shape)
    elif method == "xavier_normal":
        w = rng.normal(0.0, np.sqrt(2.0 / (fan_in + units)), size=shape)
    elif method == "he":
        w = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)
    elif method == "he_uniform":
        limit = np.sqrt(6.0 / fan_in)
        w = rng.uniform(-limit, limit, size=shape)
    elif method == "uniform":
        w = rng.uniform(-1.0, 1.0, size=shape)
    else:
        known = ", ".join(INITIALIZERS)
        raise ChainruleError(f"unknown initializer {method!r}: expected one of {known}")
    return w.astype(dtype)
