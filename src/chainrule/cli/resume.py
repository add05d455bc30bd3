"""``train --resume``: the command's settings against the saved run's.

A setting given on the command line that differs from the checkpoint's is exit 2 listing
every difference, unless ``--override``: then the training settings (learning rate, batch
size, optimizer and its momentum and weight decay, schedule) take the new values -- a new
optimizer starts with fresh state. Settings that shape the network (loss, activation,
initialisation, scaling, dtype, layers) cannot change on resume.
"""

from __future__ import annotations

import argparse
from typing import Any

from chainrule.errors import ChainruleError
from chainrule.nn.optimizers import make_optimizer
from chainrule.nn.schedules import Schedule
from chainrule.training.classifier import Classifier

FIXED = {  # option: the saved model's value
    "loss": lambda m: m.loss,
    "activation": lambda m: m.activation,
    "init": lambda m: m.init,
    "scaling": lambda m: m.scaler.kind if m.scaler is not None else m.scaling,
    "dtype": lambda m: m.dtype,
}
TRAINING = {
    "lr": lambda m: m.base_learning_rate,
    "batch_size": lambda m: m.batch_size,
    "optimizer": lambda m: m.optimizer.name,
    "momentum": lambda m: getattr(m.optimizer, "momentum", None),
    "weight_decay": lambda m: m.optimizer.weight_decay,
    "schedule": lambda m: m.schedule.kind,
}
FLAGS = {"lr": "--lr", "batch_size": "--batch-size", "weight_decay": "--weight-decay"}


def _flag(name: str) -> str:
    return FLAGS.get(name, "--" + name.replace("_", "-"))


def differences(args: argparse.Namespace, model: Classifier) -> tuple[list[str], list[str]]:
    """(settings that cannot change, training settings that differ), each as
    ``"--lr 0.1 (saved 0.001)"``; only the options the command line gives."""
    found: dict[str, list[str]] = {"fixed": [], "training": []}
    for group, table in (("fixed", FIXED), ("training", TRAINING)):
        for name, saved in table.items():
            given: Any = getattr(args, name, None)
            if given is None:
                continue
            old = saved(model)
            if given != old:
                shown = f"{old:g}" if isinstance(old, float) else old
                found[group].append(f"{_flag(name)} {given} (saved {shown})")
    return found["fixed"], found["training"]


def check_resume(args: argparse.Namespace, model: Classifier) -> None:
    """Exit 2 listing the differences, or apply them with ``--override``."""
    fixed, training = differences(args, model)
    if fixed:
        raise ChainruleError(
            f"--resume {args.save!r}: {', '.join(fixed)} differ from the saved run and cannot "
            "change on resume: expected the same settings, or train to a new --save file"
        )
    if training and not getattr(args, "override", False):
        raise ChainruleError(
            f"--resume {args.save!r}: {', '.join(training)} differ from the saved run: "
            "expected the same settings, or --override to continue with the new ones"
        )
    if training:
        override(args, model)


def override(args: argparse.Namespace, model: Classifier) -> None:
    """Put the command's training settings into the resumed model."""
    if args.batch_size is not None:
        model.batch_size = args.batch_size
    if args.lr is not None:
        model.base_learning_rate = args.lr
    if args.schedule is not None and args.schedule != model.schedule.kind:
        model.schedule = Schedule(args.schedule, epochs=max(1, model.schedule.epochs))
    opt = model.optimizer
    changed = any(
        getattr(args, name) is not None and getattr(args, name) != TRAINING[name](model)
        for name in ("optimizer", "momentum", "weight_decay")
    )
    if changed:
        options: dict[str, Any] = {
            "weight_decay": opt.weight_decay if args.weight_decay is None else args.weight_decay
        }
        momentum = args.momentum if args.momentum is not None else getattr(opt, "momentum", None)
        name = args.optimizer or opt.name
        if momentum and name in ("momentum", "nesterov"):
            options["momentum"] = momentum
        # a new optimizer without --lr starts from its own default learning rate
        lr = args.lr if args.lr is not None or name != opt.name else model.base_learning_rate
        model.optimizer = make_optimizer(name, lr, **options)
        model.base_learning_rate = model.optimizer.learning_rate
