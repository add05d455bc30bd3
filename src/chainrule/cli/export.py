"""``chainrule export SOURCE OUTPUT.onnx``: a model file or a network spec as ONNX
(or, ``--format safetensors`` / ``OUTPUT.safetensors``, its weights as safetensors: see
:mod:`chainrule.training.safetensors`).

SOURCE is a model file written by ``train --save`` (its scaling, outputs and class labels
are exported) or a network spec (``.json``: its network's outputs); ``--example NAME``
exports a built-in example instead. See :mod:`chainrule.io.onnx`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chainrule.cli.common import add_lang_argument, print_json, spec_from_args, whole_number
from chainrule.cli.paths import check_paths
from chainrule.cli.words import say
from chainrule.errors import ChainruleError
from chainrule.io.onnx import OPSET, check_output, export_onnx, onnx_bytes
from chainrule.teach.examples import SPECS
from chainrule.training.load import load_model
from chainrule.training.safetensors import check_output as check_safetensors_output
from chainrule.training.safetensors import export_safetensors, safetensors_bytes
from chainrule.util.atomic import write_output

FORMATS = ("onnx", "safetensors")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write a model or a network spec as ONNX",
        description="Write a trained model (a file from train --save) or a network spec as an "
        "ONNX file, for onnxruntime, Netron and the other tools that read ONNX. Needs the "
        'onnx package (pip install "chainrule[onnx]").',
    )
    p.add_argument(
        "source",
        metavar="SOURCE",
        nargs="?",
        help="a model file (.npz) or a network spec (.json)",
    )
    p.add_argument(
        "output",
        metavar="OUTPUT",
        help="the file to write (.onnx or .safetensors; - is standard output)",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="onnx (a graph for onnxruntime, Netron) or safetensors (the weights, with the "
        "architecture and scaling as metadata, for PyTorch); default from OUTPUT's ending",
    )
    p.add_argument(
        "--example",
        metavar="NAME",
        help=f"export a built-in example instead: {', '.join(SPECS)}",
    )
    p.add_argument(
        "--opset", type=whole_number(1), default=OPSET, help=f"ONNX opset (default {OPSET})"
    )
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    add_lang_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.source is not None and args.example is not None:
        raise ChainruleError(f"export: {args.source!r} and --example: expected one of them")
    if args.source is None and args.example is None:
        raise ChainruleError(
            "export: no SOURCE: expected a model file (.npz) or a spec (.json) before "
            f"{args.output!r}, or --example NAME"
        )
    to_stdout = args.output == "-"
    kind_of_file = output_format(args.format, args.output, check=not to_stdout)  # before work
    check_paths([("SOURCE", args.source)], [("OUTPUT", args.output)])
    if args.example is not None:
        source = spec_from_args(args.example, None).network
        kind = say(args.lang, "exported_example", name=args.example)
    elif Path(args.source).suffix.lower() == ".json":
        source = spec_from_args(None, args.source).network
        kind = say(args.lang, "exported_spec", name=args.source)
    else:
        source = load_model(args.source)
        kind = say(args.lang, "exported_model", name=args.source)
    if to_stdout:
        if sys.stdout.isatty():
            name = "ONNX" if kind_of_file == "onnx" else kind_of_file
            raise ChainruleError(f"{name} is binary and standard output is a terminal: name a file")
        data = (
            safetensors_bytes(source)
            if kind_of_file == "safetensors"
            else onnx_bytes(source, args.opset)
        )
        write_output("-", data)
        return 0
    if kind_of_file == "safetensors":
        export_safetensors(source, args.output)
    else:
        export_onnx(source, args.output, args.opset)
    size = Path(args.output).stat().st_size
    what = "safetensors" if kind_of_file == "safetensors" else f"ONNX opset {args.opset}"
    if args.json:
        extra = {"opset": args.opset} if kind_of_file == "onnx" else {"format": kind_of_file}
        print_json({"output": args.output, "bytes": size, **extra})
    else:
        wrote = say(args.lang, "exported", kind=kind, path=args.output, size=f"{size:,}")
        sys.stdout.write(f"{wrote}, {what})\n")
    return 0


def output_format(given: str | None, output: str, check: bool = True) -> str:
    """The format asked for (or named by OUTPUT's ending), OUTPUT's ending checked."""
    kind = given or ("safetensors" if output.lower().endswith(".safetensors") else "onnx")
    if check:
        (check_safetensors_output if kind == "safetensors" else check_output)(output)
    return kind
