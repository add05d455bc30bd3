"""Each data set's default training recipe: hidden layers, activation, optimizer, learning
rate, learning-rate schedule, batch size and epochs.

``chainrule train DATASET`` trains with these unless an option says otherwise; ``train
--help`` and the run's summary line show them. The truth-table mode (``chainrule train
xor|and|or``: the four rows of the gate, the XOR blog post's 2-4-1 sigmoid network) and a spec
file have their own, in :data:`TRUTH_TABLE`.
"""

from __future__ import annotations

from dataclasses import dataclass

# the learning rate an optimizer starts from when none is given (chainrule.nn.optimizers)
OPTIMIZER_LEARNING_RATES = {"adam": 0.001, "sgd": 0.01, "momentum": 0.01, "nesterov": 0.01}


@dataclass(frozen=True)
class Recipe:
    """Hidden-layer sizes (the input and output sizes come from the data) and the rest."""

    hidden: tuple[int, ...]
    activation: str = "relu"
    optimizer: str = "adam"
    batch_size: int = 32
    epochs: int = 20
    # the learning rate by epoch (chainrule.nn.schedules): "constant" or "cosine", ½(1 + cos(π ·
    # epoch / epochs)) times the base
    schedule: str = "constant"

    @property
    def learning_rate(self) -> float:
        return OPTIMIZER_LEARNING_RATES[self.optimizer]


TOY_RECIPE = Recipe((16, 16), epochs=100)
# Fashion-MNIST's test accuracy with seed 0: 0.8841 at a constant learning rate, 0.8977 cosine
IMAGE_RECIPE = Recipe((256, 128), batch_size=128, epochs=10, schedule="cosine")
DIGITS_RECIPE = Recipe((64,), epochs=30)
FILE_RECIPE = Recipe((64,), epochs=20)
# regression (``--task regression``): tanh hidden layers before identity outputs
REGRESSION_TOY_RECIPE = Recipe((16, 16), activation="tanh", epochs=200)
REGRESSION_FILE_RECIPE = Recipe((64,), activation="tanh", epochs=50)


@dataclass(frozen=True)
class TruthTableRecipe:
    """``chainrule train xor|and|or``: full-batch gradient descent on the four rows."""

    layers: tuple[int, ...] = (2, 4, 1)
    activation: str = "sigmoid"
    optimizer: str = "gradient descent"
    learning_rate: float = 2.0
    epochs: int = 3000


TRUTH_TABLE = TruthTableRecipe()

# share of digits' 1,797 images held out as its test split (seeded, the same every run)
DIGITS_TEST_SHARE = 0.2
# a toy set's test split (a regression toy set's too) has a quarter as many points as its
# training samples
TOY_TEST_SHARE = 0.25
