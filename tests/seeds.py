"""The numbers SEEDS.md lists, and a check "equal to the printed digits"."""

from __future__ import annotations

from decimal import Decimal


def decimals(printed: str) -> int:
    """Digits after the point in a printed number: "0.593269992" → 9."""
    exponent = Decimal(printed).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(-exponent, 0)


def assert_printed(value: float, printed: str, ulps: float = 0.5) -> None:
    """``value`` rounds to ``printed`` (within ``ulps`` units of its last printed digit)."""
    tolerance = ulps * 10.0 ** (-decimals(printed))
    assert abs(float(value) - float(printed)) <= tolerance * (1 + 1e-9), (value, printed)


# Mazur's example (Mazur), as printed in the seed.
SEED000 = {
    "net_h1": "0.3775",
    "out_h1": "0.593269992",
    "out_h2": "0.596884378",
    "net_o1": "1.105905967",
    "out_o1": "0.75136507",
    "out_o2": "0.772928465",
    "E_o1": "0.274811083",
    "E_o2": "0.023560026",
    "E_total": "0.298371109",
    "dE_dout_o1": "0.74136507",
    "dout_o1_dnet_o1": "0.186815602",
    "dnet_o1_dw5": "0.593269992",
    "dE_dw5": "0.082167041",
    "w5_new": "0.35891648",
    "w6_new": "0.408666186",
    "w7_new": "0.511301270",
    "w8_new": "0.561370121",
    "dEo1_dnet_o1": "0.138498562",
    "dEo1_dout_h1": "0.055399425",
    "dEo2_dout_h1": "-0.019049119",
    "dE_dout_h1": "0.036350306",
    "dout_h1_dnet_h1": "0.241300709",
    "dE_dw1": "0.000438568",
    "w1_new": "0.149780716",
    "w2_new": "0.19956143",
    "w3_new": "0.24975114",
    "w4_new": "0.29950229",
}

# The seed computed ∂E_o2/∂out_h1 from the rounded δ_o2 = −0.038098237 times w7 = 0.50, so its
# last digit is off by up to one unit (exact: −0.0190491183); every other number rounds exactly.
ULPS = {"dEo2_dout_h1": 1.0}
