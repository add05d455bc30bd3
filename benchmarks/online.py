"""Online training of Mazur's 2-2-2 network: microseconds per step, float64.

One step = forward, E_total, backward and the update of w1…w8 and the shared biases on
the single sample (0.05, 0.10) → (0.01, 0.99), learning rate 0.5. Contenders: chainrule's
planned path (the plan and the optimizer called directly), ``chainrule.train_step`` (the
same with the checks a user's call goes through: shapes, the plan's fit, a finite loss),
chainrule's graph of nodes, and PyTorch (CPU).

    python benchmarks/online.py [--steps 20000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import alternate, machine, table

import chainrule as cr
from chainrule.plan import Plan


def planned(steps: int):
    spec = cr.mazur_spec()
    net, x, t = spec.network, spec.inputs, spec.targets
    plan, opt = Plan(net, 1), cr.SGD(0.5)

    def run() -> None:
        for _ in range(steps):
            plan.gradients(x, t)
            plan.update(opt)

    return run, net


def train_steps(steps: int):
    spec = cr.mazur_spec()
    net, x, t = spec.network, spec.inputs, spec.targets
    opt = cr.SGD(0.5)

    def run() -> None:
        for _ in range(steps):
            cr.train_step(net, x, t, opt)

    return run, net


def graph(steps: int):
    spec = cr.mazur_spec()
    net, x, t = spec.network, spec.inputs, spec.targets
    opt, params = cr.SGD(0.5), net.parameters()

    def run() -> None:
        for _ in range(steps):
            net.zero_grad()
            net.loss(x, t).backward()
            opt.step(params)

    return run, net


def torch_steps(steps: int):
    import torch

    w_h = torch.tensor([[0.15, 0.20], [0.25, 0.30]], dtype=torch.float64, requires_grad=True)
    b_h = torch.tensor([0.35], dtype=torch.float64, requires_grad=True)
    w_o = torch.tensor([[0.40, 0.45], [0.50, 0.55]], dtype=torch.float64, requires_grad=True)
    b_o = torch.tensor([0.60], dtype=torch.float64, requires_grad=True)
    x = torch.tensor([[0.05, 0.10]], dtype=torch.float64)
    t = torch.tensor([[0.01, 0.99]], dtype=torch.float64)
    opt = torch.optim.SGD([w_h, b_h, w_o, b_o], lr=0.5)

    def run() -> None:
        for _ in range(steps):
            opt.zero_grad()
            out = torch.sigmoid(torch.sigmoid(x @ w_h.T + b_h) @ w_o.T + b_o)
            (0.5 * ((t - out) ** 2).sum()).backward()
            opt.step()

    return run, (w_o, x)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    contenders = {
        "planned": planned(args.steps)[0],
        "train_step": train_steps(args.steps)[0],
        "graph": graph(args.steps)[0],
    }
    try:
        contenders["torch"] = torch_steps(args.steps)[0]
    except ImportError:
        pass
    best = alternate(contenders, args.rounds)
    micro = {name: 1e6 * t / args.steps for name, t in best.items()}
    print(f"machine: {machine()}")
    rows = [
        [name, f"{us:.1f}", f"{micro.get('torch', np.nan) / us:.1f}×"] for name, us in micro.items()
    ]
    print(table(["contender", "µs per online step", "faster than PyTorch"], rows))


if __name__ == "__main__":
    main()
