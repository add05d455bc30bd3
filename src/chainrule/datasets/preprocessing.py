"""Input scaling, remembered by the model: x' = (x − offset) / scale.

- ``unit``: pixels 0…255 to [0, 1] (offset 0, scale 255);
- ``standardize``: each feature to mean 0 and standard deviation 1, measured on the
  training samples (features that never change keep scale 1) -- the default for CSV and
  .npz data, and for MNIST and Fashion-MNIST, where it equals pixels to [0, 1] followed by
  the standardisation of each pixel (on Fashion-MNIST it gives about one point of test
  accuracy more than plain [0, 1] after 10 epochs of the README's recipe);
- ``none``: inputs used as they are (the toy sets, already small numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ChainruleError

SCALINGS = ("none", "unit", "standardize")


@dataclass
class Scaler:
    kind: str = "none"
    offset: np.ndarray = field(default_factory=lambda: np.zeros(1))
    scale: np.ndarray = field(default_factory=lambda: np.ones(1))

    @classmethod
    def fit(cls, kind: str, x: np.ndarray) -> Scaler:
        """A scaler of ``kind`` for the training inputs ``x``."""
        if kind == "none":
            return cls("none")
        if kind == "unit":
            return cls("unit", np.zeros(1), np.full(1, 255.0))
        if kind == "standardize":
            x = np.asarray(x, dtype=np.float64)
            std = x.std(axis=0)
            return cls("standardize", x.mean(axis=0), np.where(std > 0, std, 1.0))
        raise ChainruleError(f"unknown scaling {kind!r}: expected one of {', '.join(SCALINGS)}")

    def transform(self, x: Any, dtype: Any = np.float32) -> np.ndarray:
        """Scaled inputs in ``dtype``."""
        x = np.asarray(x, dtype=np.float64)
        if self.kind == "none":
            return x.astype(dtype)
        return ((x - self.offset) / self.scale).astype(dtype)

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "offset": np.asarray(self.offset, np.float64),
            "scale": np.asarray(self.scale, np.float64),
        }
