"""Online training of Mazur's 2-2-2 network: microseconds per step, float64.

One step = forward, E_total, backward and the update of w1…w8 and the shared biases on
the single sample (0.05, 0.10) → (0.01, 0.99), learning rate 0.5. Contenders: chainrule's
planned path (the plan and the optimizer called directly), ``chainrule.train_step`` (the
same with the checks a user's call goes through: shapes, the plan's fit, a finite loss),
chainrule's graph of nodes, and PyTorch (CPU). Each contender runs in its own fresh
process (a warm-up of ``steps // 10`` steps, then ``steps`` timed), the processes
alternating round by round (see harness.py); printed: the median µs per step with its
spread, and PyTorch's time over each one's in the same round.

    python benchmarks/online.py [--steps 20000] [--rounds 5]
    python benchmarks/online.py --against /tmp/before/src   # this checkout against another

``--against DIR`` runs the planned path and ``train_step`` of this checkout and of another
(DIR: its ``src``) in turn, process by process, with PyTorch's in each round.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import table
from harness import SRC, alternate, blas, emit, fresh, load, machine_line, ratios, spread

import chainrule as cr
from chainrule.nn.plan import Plan


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


WORKERS = {"planned": planned, "train_step": train_steps, "graph": graph, "torch": torch_steps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", metavar="DIR", help="another checkout's src to time")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        WORKERS[args.worker](max(1, args.steps // 10))[0]()  # warm-up
        run = WORKERS[args.worker](args.steps)[0]
        start = time.perf_counter()
        run()
        emit({"us": 1e6 * (time.perf_counter() - start) / args.steps})
        return
    if args.against:
        against(args)
        return
    names = ["planned", "train_step", "graph"]
    if importlib.util.find_spec("torch") is not None:  # not imported here
        names.append("torch")
    print(f"machine: {machine_line()}")
    print(f"NumPy's BLAS: {blas()}")
    print(f"before: {load()}", flush=True)
    base = ["python", __file__, "--steps", str(args.steps), "--worker"]
    results = alternate({name: [*base, name] for name in names}, args.rounds)
    print(f"after: {load()}")
    micro = {name: [r["us"] for r in runs] for name, runs in results.items()}
    rows = [
        [
            name,
            spread(us, 1),
            spread(ratios(micro["torch"], us), 1, "×") if "torch" in micro else "–",
        ]
        for name, us in micro.items()
    ]
    print(table(["contender", "µs per online step", "faster than PyTorch"], rows))


def against(args: argparse.Namespace) -> None:
    """This checkout's planned path and train_step against DIR's, and PyTorch's, in turn."""
    base = ["python", __file__, "--steps", str(args.steps), "--worker"]
    versions = {"before": args.against, "after": SRC}
    print(f"before: {args.against}; after: {SRC}; {load()}", flush=True)
    micro: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for version, src in versions.items():
            for name in ("planned", "train_step"):
                micro.setdefault(f"{name}, {version}", []).append(fresh([*base, name], src)["us"])
        micro.setdefault("torch", []).append(fresh([*base, "torch"])["us"])
    print(f"after: {load()}")
    rows = [
        [name, spread(us, 1), spread(ratios(micro["torch"], us), 1, "×")]
        for name, us in micro.items()
    ]
    for name in ("planned", "train_step"):
        change = ratios(micro[f"{name}, after"], micro[f"{name}, before"])
        rows.append([f"{name}: after / before", spread(change, 3, "×"), "–"])
    print(table(["contender", "µs per online step", "faster than PyTorch"], rows))


if __name__ == "__main__":
    main()
