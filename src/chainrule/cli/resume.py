"""``train --resume``: the command's settings against the saved run's.

Every option of ``train`` that changes what the run computes is compared with the
checkpoint:

- settings that shape the network (:data:`FIXED`): ``--layers``, ``--loss``,
  ``--activation``, ``--init``, ``--scaling``, ``--dtype``; they cannot change on resume;
- training settings (:data:`TRAINING`): ``--lr``, ``--batch-size``, ``--optimizer``,
  ``--momentum``, ``--weight-decay``, ``--schedule``, ``--seed`` (the shuffling, the
  validation split and a toy set's points), ``--validation``, ``--patience``, and the data:
  DATASET or ``--data`` (by name), ``--samples``, ``--noise`` and ``--classes`` of a toy set,
  ``--label-column`` of a file.

Only the options typed on the command line count: one left out takes the saved run's value
(a default never differs from it). A difference is exit 2 listing every one, unless
``--override``: then the training settings take the new values (a new optimizer starts with
fresh state). ``--epochs`` (the total to reach), ``--save``, ``--plot``, ``--json``,
``--quiet``, ``--lang`` and ``--data-dir`` (where the files are) change nothing the run
computes and are not compared. A model file written before the run's settings were saved
(validation, patience, the data) holds none of them: those options then apply as typed.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chainrule.cli.common import int_list
from chainrule.data import POINT_SETS, TOY_SETS
from chainrule.data.regression import REGRESSION_SETS
from chainrule.errors import ChainruleError
from chainrule.nn.optimizers import make_optimizer
from chainrule.nn.schedules import Schedule
from chainrule.training.classifier import Classifier
from chainrule.training.load import load_model
from chainrule.training.regressor import Regressor

MISSING = object()  # a run setting the model file does not hold (an older file)


def _run(name: str) -> Callable[[Classifier], Any]:
    return lambda m: m.run_settings.get(name, MISSING)


FIXED: dict[str, Callable[[Classifier], Any]] = {  # option: the saved model's value
    "layers": lambda m: m.sizes,
    "loss": lambda m: m.loss,
    "activation": lambda m: m.activation,
    "init": lambda m: m.init,
    "scaling": lambda m: m.scaler.kind if m.scaler is not None else m.scaling,
    "dtype": lambda m: m.dtype,
}
TRAINING: dict[str, Callable[[Classifier], Any]] = {
    "lr": lambda m: m.base_learning_rate,
    "batch_size": lambda m: m.batch_size,
    "optimizer": lambda m: m.optimizer.name,
    "momentum": lambda m: getattr(m.optimizer, "momentum", None),
    "weight_decay": lambda m: m.optimizer.weight_decay,
    "schedule": lambda m: m.schedule.kind,
    "seed": lambda m: m.seed,
    "validation": _run("validation"),
    "patience": _run("patience"),
    "data": _run("data"),
    "samples": _run("samples"),
    "noise": _run("noise"),
    "classes": _run("classes"),
    "label_column": _run("label_column"),
}
INHERITED = ("validation", "patience", "samples", "noise", "classes", "label_column")
FLAGS = {"lr": "--lr", "batch_size": "--batch-size", "weight_decay": "--weight-decay"}


def data_name(args: argparse.Namespace) -> str | None:
    """The name of the run's data: a data set's name, or a file's without its suffix."""
    if getattr(args, "data", None) is not None:
        return Path(args.data).stem
    return POINT_SETS.get(args.dataset, args.dataset)


def _flag(args: argparse.Namespace, name: str) -> str:
    if name == "data":
        return "--data" if getattr(args, "data", None) is not None else "DATASET"
    return FLAGS.get(name, "--" + name.replace("_", "-"))


def _given(args: argparse.Namespace, name: str) -> Any:
    """The value the command line gives for ``name``, None when it was not typed."""
    if name == "data":
        return data_name(args)
    if name == "layers":
        return None if args.layers is None else int_list(args.layers)
    return getattr(args, name, None)


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def differences(args: argparse.Namespace, model: Classifier) -> tuple[list[str], list[str]]:
    """(settings that cannot change, training settings that differ), each as
    ``"--lr 0.1 (saved 0.001)"``; only the options the command line gives."""
    found: dict[str, list[str]] = {"fixed": [], "training": []}
    for group, table in (("fixed", FIXED), ("training", TRAINING)):
        for name, saved in table.items():
            given = _given(args, name)
            old = saved(model)
            if given is None or old is MISSING or given == old:
                continue
            found[group].append(f"{_flag(args, name)} {_shown(given)} (saved {_shown(old)})")
    return found["fixed"], found["training"]


def check_resume(args: argparse.Namespace, model: Classifier) -> None:
    """Exit 2 listing the differences, or apply them with ``--override``."""
    fixed, training = differences(args, model)
    if fixed:
        also = f" (and {', '.join(training)} differ too)" if training else ""
        raise ChainruleError(
            f"--resume {args.save!r}: {', '.join(fixed)} differ from the saved run and cannot "
            f"change on resume{also}: expected the same settings, or train to a new --save file"
        )
    if training and not getattr(args, "override", False):
        raise ChainruleError(
            f"--resume {args.save!r}: {', '.join(training)} differ from the saved run: "
            "expected the same settings, or --override to continue with the new ones"
        )
    if training:
        override(args, model)


def override(args: argparse.Namespace, model: Classifier) -> None:
    """Put the command's training settings into the resumed model (the run's own settings,
    validation to data, are read from the command line)."""
    if args.batch_size is not None:
        model.batch_size = args.batch_size
    if args.lr is not None:
        model.base_learning_rate = args.lr
    if args.seed is not None:
        model.seed = args.seed
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


def resumed(args: argparse.Namespace, task: type[Classifier]) -> Classifier | None:
    """The model of ``--resume --save PATH`` (None when there is none to resume: a fresh
    run), checked against the command's settings; every option not typed is set to the
    saved run's value (for a fresh run: ``--seed`` 0)."""
    if args.override and not args.resume:
        raise ChainruleError("--override is for --resume: expected --resume --save PATH")
    if args.resume and args.save is None:
        raise ChainruleError("--resume needs --save PATH (the model file to continue)")
    if not (args.resume and os.path.exists(args.save)):
        args.seed = 0 if args.seed is None else args.seed
        return None
    model = load_model(args.save)
    if isinstance(model, Regressor) and task is not Regressor:
        raise ChainruleError(
            f"{args.save!r} is a regressor: resume it with --task regression, or train to a "
            "new --save file"
        )
    if task is Regressor and not isinstance(model, Regressor):
        raise ChainruleError(
            f"{args.save!r} is not a regressor: resume with the model trained on this data, "
            "or train to a new --save file"
        )
    check_resume(args, model)
    args.seed = model.seed if args.seed is None else args.seed
    for name in INHERITED:
        saved = model.run_settings.get(name)
        if getattr(args, name, None) is None and saved is not None:
            setattr(args, name, saved)
    return model


def record_run(args: argparse.Namespace, model: Classifier, noise: float) -> None:
    """Keep the run's settings in ``model.run_settings`` (saved with it): the validation
    share, the patience and the data (a toy set's samples, noise and classes; a file's label
    column). ``noise``: the toy sets' default noise."""
    name = data_name(args)
    settings: dict[str, Any] = {
        "data": name,
        "validation": args.validation or 0.0,
        "patience": args.patience,
    }
    if args.data is None and name in (*TOY_SETS, *REGRESSION_SETS):
        settings["samples"] = 400 if args.samples is None else args.samples
        settings["noise"] = noise if args.noise is None else args.noise
        if name in ("spirals", "gaussians"):
            settings["classes"] = 3 if args.classes is None else args.classes
    if args.data is not None and args.label_column is not None:
        settings["label_column"] = args.label_column
    model.run_settings = settings
