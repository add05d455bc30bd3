"""Train a chainrule model further with PyTorch DistributedDataParallel, and bring it back.

    python examples/ddp.py MODEL.npz DATA --out TRAINED.npz [--epochs 20] [--processes 2]

MODEL is a chainrule model file (``chainrule train ... --save MODEL.npz``); DATA a data set
name (``moons``, ``fashion-mnist``, …) or a ``.npz`` / CSV file, as ``chainrule train``
reads them. The model goes to PyTorch with :func:`chainrule.io.torch.to_torch` (its scaling,
its Linear layers and activations); ``--processes`` worker processes, started by
``torch.multiprocessing`` and joined in one gloo process group on 127.0.0.1 (CPU), each
train a DistributedDataParallel copy on their share of every epoch's shuffled samples --
DDP averages the gradients of all processes after every backward pass, so every copy
takes the same step. Process 0 writes the trained weights as safetensors (no pickle);
:func:`chainrule.io.torch.update_from_torch` puts them into the chainrule model, which is
saved to TRAINED.npz: ``chainrule evaluate``, ``predict``, ``export`` and ``explain`` take it.

The same script runs on several machines (or GPUs) with ``torchrun`` and the nccl backend
instead of gloo: see docs/scale.md.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from safetensors.torch import load_file, save_file
from torch.nn.parallel import DistributedDataParallel

import chainrule as cr
from chainrule.data import DATASETS, load_dataset
from chainrule.data import load_file as load_data_file
from chainrule.io.torch import to_torch, update_from_torch

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def read_data(model: cr.Classifier, source: str, samples: int, seed: int):
    """Raw inputs and the model's class indices for DATA."""
    if source in DATASETS:
        data = load_dataset(source, samples=samples, seed=seed)
    else:
        data = load_data_file(source)
    names = np.asarray(data.class_names)[data.y]
    index = {name: k for k, name in enumerate(model.class_names or [])}
    unknown = sorted(set(names) - set(index))
    if unknown:
        raise cr.ChainruleError(f"labels {unknown}: the model knows {model.class_names}")
    return data.x, np.array([index[n] for n in names], dtype=np.int64)


def trainable(model: cr.Classifier) -> torch.nn.Sequential:
    """The model's module without a last Softmax: PyTorch's cross_entropy takes the logits
    (the same E as chainrule's softmax + cross-entropy); the parameters are the module's."""
    module = to_torch(model)
    if model.loss != "cross_entropy":
        raise cr.ChainruleError(f"loss {model.loss!r}: this example trains cross_entropy models")
    return torch.nn.Sequential(*list(module)[:-1])


def worker(rank: int, world: int, port: int, args: argparse.Namespace, out: str) -> None:
    """One process of the group: its share of each epoch, gradients averaged by DDP."""
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"tcp://{HOST}:{port}", rank=rank, world_size=world)
    try:
        model = cr.load(args.model)
        x, y = read_data(model, args.data, args.samples, args.seed)
        dtype = torch.float32 if model.dtype == "float32" else torch.float64
        xs, ys = torch.as_tensor(x, dtype=dtype), torch.as_tensor(y)
        ddp = DistributedDataParallel(trainable(model))
        optimizer = torch.optim.Adam(ddp.parameters(), lr=args.lr)
        for epoch in range(args.epochs):
            order = np.random.default_rng([args.seed, epoch]).permutation(len(xs))
            mine = torch.as_tensor(order[rank::world])  # this process's share
            for start in range(0, len(mine), args.batch_size):
                batch = mine[start : start + args.batch_size]
                optimizer.zero_grad()
                loss = torch.nn.functional.cross_entropy(ddp(xs[batch]), ys[batch])
                loss.backward()  # DDP all-reduces (averages) the gradients here
                optimizer.step()
        if rank == 0:
            state = {k: v.detach().contiguous() for k, v in ddp.module.state_dict().items()}
            save_file(state, out)
        dist.barrier()  # leave the group together: gloo aborts a peer torn down mid-exchange
    finally:
        dist.destroy_process_group()


def train_distributed(args: argparse.Namespace) -> cr.Classifier:
    """The model of ``args.model`` trained ``args.epochs`` more epochs by the process group."""
    os.environ.setdefault("GLOO_SOCKET_IFNAME", "lo")  # loopback only, never the network
    model = cr.load(args.model)
    module = trainable(model)
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "weights.safetensors")
        mp.spawn(worker, args=(args.processes, free_port(), args, out), nprocs=args.processes)
        module.load_state_dict(load_file(out))
    update_from_torch(model, module)
    model.epoch += args.epochs
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="a chainrule model file (.npz)")
    parser.add_argument("data", help="a data set name or a .npz / CSV file")
    parser.add_argument("--out", required=True, help="where to save the trained model (.npz)")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--batch-size", type=int, default=32, help="per process")
    parser.add_argument("--samples", type=int, default=400, help="points of a toy data set")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if os.path.abspath(args.out) == os.path.abspath(args.model):
        parser.error("--out must differ from MODEL (the input is never overwritten)")
    start = cr.load(args.model)
    x, y = read_data(start, args.data, args.samples, args.seed)
    before = start.evaluate(x, np.asarray(start.class_names)[y])["accuracy"]
    model = train_distributed(args)
    after = model.evaluate(x, np.asarray(model.class_names)[y])["accuracy"]
    model.save(args.out)
    print(
        f"{args.processes} processes (gloo, {HOST}), {args.epochs} epochs: accuracy "
        f"{before:.4f} -> {after:.4f}; saved {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
