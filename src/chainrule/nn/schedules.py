"""Learning-rate schedules, by epoch (counted from 0): η_epoch = η₀ · factor(epoch).

- ``constant``: factor 1;
- ``step``: factor γ^⌊epoch / step_size⌋ (default γ = 0.1, step_size 10);
- ``cosine``: factor ½(1 + cos(π · epoch / epochs)), from 1 down towards 0 at the last epoch.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from chainrule.errors import ChainruleError, did_you_mean

SCHEDULES = ("constant", "step", "cosine")


@dataclass
class Schedule:
    kind: str = "constant"
    step_size: int = 10
    gamma: float = 0.1
    epochs: int = 1

    def __post_init__(self) -> None:
        if self.kind not in SCHEDULES:
            raise ChainruleError(
                f"unknown schedule {self.kind!r}: expected one of {', '.join(SCHEDULES)}"
                f"{did_you_mean(self.kind, SCHEDULES)}"
            )
        if int(self.step_size) < 1:
            raise ChainruleError(f"step size {self.step_size!r}: expected a whole number >= 1")
        if not 0 < self.gamma <= 1:
            raise ChainruleError(f"gamma {self.gamma!r}: expected a number in (0, 1]")
        if int(self.epochs) < 1:
            raise ChainruleError(f"epochs {self.epochs!r}: expected a whole number >= 1")

    def factor(self, epoch: int) -> float:
        """The multiplier of the base learning rate for ``epoch`` (0-based)."""
        if self.kind == "step":
            return self.gamma ** (epoch // self.step_size)
        if self.kind == "cosine":
            return 0.5 * (1.0 + math.cos(math.pi * min(epoch, self.epochs) / self.epochs))
        return 1.0

    def config(self) -> dict[str, Any]:
        return asdict(self)
