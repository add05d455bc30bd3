"""scikit-learn's bundled 8×8 digits (1797 images, pixels 0…16), when scikit-learn is installed."""

from __future__ import annotations

import numpy as np

from chainrule.errors import ChainruleError


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """(x, y): 1797 × 64 pixel values 0…16 and digit labels 0…9."""
    try:
        from sklearn.datasets import load_digits as sk_load_digits
    except ImportError:
        raise ChainruleError(
            "the digits data set needs scikit-learn: pip install scikit-learn"
        ) from None
    bunch = sk_load_digits()
    return np.asarray(bunch.data, dtype=np.float64), np.asarray(bunch.target, dtype=np.int64)
