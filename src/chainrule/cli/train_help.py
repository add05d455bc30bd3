"""The defaults table at the end of ``chainrule train --help``, built from the recipes."""

from __future__ import annotations

import argparse

from chainrule.data.recipes import (
    DIGITS_RECIPE,
    DIGITS_TEST_SHARE,
    FILE_RECIPE,
    IMAGE_RECIPE,
    REGRESSION_FILE_RECIPE,
    REGRESSION_TOY_RECIPE,
    TOY_RECIPE,
    TOY_TEST_SHARE,
    TRUTH_TABLE,
    Recipe,
)
from chainrule.data.regression import REGRESSION_SETS
from chainrule.data.toy import TOY_SETS


class TableFormatter(argparse.HelpFormatter):
    """argparse's formatter, but text with line breaks (the defaults table) is kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _row(names: str, layers: str, r: Recipe, test: str) -> list[str]:
    return [
        names,
        layers,
        r.activation,
        r.optimizer,
        f"{r.learning_rate:g}",
        r.schedule,
        str(r.batch_size),
        str(r.epochs),
        test,
    ]


def recipes_table(header: list[str] | None = None, lang: str = "en") -> str:
    """One row per data set: layers, activation, optimizer, learning rate, its schedule, batch,
    epochs, test;
    the words of its cells in ``lang``, the columns aligned by their width on a terminal."""
    from rich.cells import cell_len

    toys = [n for n in TOY_SETS if n not in ("xor", "and", "or")]
    hidden = ",".join(map(str, TOY_RECIPE.hidden))
    rows = [
        header or HEADER["en"],
        [
            "xor, and, or",
            ",".join(map(str, TRUTH_TABLE.layers)),
            TRUTH_TABLE.activation,
            TRUTH_TABLE.optimizer,
            f"{TRUTH_TABLE.learning_rate:g}",
            "constant",
            "4 (all)",
            str(TRUTH_TABLE.epochs),
            "none (the 4 rows)",
        ],
        _row(
            "xor-points, and-points, or-points",
            f"2,{hidden},2",
            TOY_RECIPE,
            f"{TOY_TEST_SHARE:.0%} more points",
        ),
        _row(", ".join(toys), f"2,{hidden},2 (K)", TOY_RECIPE, f"{TOY_TEST_SHARE:.0%} more points"),
        _row("mnist, fashion-mnist", "784,256,128,10", IMAGE_RECIPE, "10,000 images"),
        _row("digits", "64,64,10", DIGITS_RECIPE, f"{DIGITS_TEST_SHARE:.0%} held out"),
        _row("--data FILE", "F,64,K", FILE_RECIPE, "X_test, y_test"),
        _row(
            ", ".join(REGRESSION_SETS),
            f"2,{','.join(map(str, REGRESSION_TOY_RECIPE.hidden))},1",
            REGRESSION_TOY_RECIPE,
            f"{TOY_TEST_SHARE:.0%} more points",
        ),
        _row(
            "--task regression --data FILE",
            f"F,{','.join(map(str, REGRESSION_FILE_RECIPE.hidden))},T",
            REGRESSION_FILE_RECIPE,
            "X_test, y_test",
        ),
        [
            "--spec FILE",
            "the spec's",
            "the spec's",
            "gradient descent",
            "the spec's",
            "constant",
            "all",
            str(TRUTH_TABLE.epochs),
            "none",
        ],
    ]
    cells = CELLS.get(lang, {})
    rows = [[cells.get(c, c) for c in r] for r in rows]
    widths = [max(cell_len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  "
        + "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in rows
    ]
    return "\n".join(lines)


# the words of the table's cells in Korean (docs/glossary.md)
CELLS = {
    "ko": {
        "gradient descent": "경사 하강법",
        "4 (all)": "4 (전체)",
        "none (the 4 rows)": "없음 (4개 행)",
        f"{TOY_TEST_SHARE:.0%} more points": f"{TOY_TEST_SHARE:.0%} 더 뽑은 점",
        "10,000 images": "이미지 10,000개",
        f"{DIGITS_TEST_SHARE:.0%} held out": f"{DIGITS_TEST_SHARE:.0%} 떼어 둠",
        "the spec's": "명세의 값",
        "all": "전체",
        "none": "없음",
    }
}


HEADER = {
    "en": [
        "DATASET",
        "layers",
        "activation",
        "optimizer",
        "lr",
        "schedule",
        "batch",
        "epochs",
        "test split",
    ],
    "ko": [
        "데이터 세트",
        "층",
        "활성화 함수",
        "옵티마이저",
        "학습률",
        "스케줄",
        "배치",
        "에포크",
        "테스트 분할",
    ],
}

WORDS = {
    "en": "defaults per data set (K: classes, --classes for spirals and gaussians; F: the "
    "file's features; T: its target columns):\n{table}\n\nxor, and and or train their four "
    "truth-table rows; the "
    "noisy 2-D points of the gates are xor-points, and-points and or-points; plane and "
    "multi-gaussian are regression sets (--task regression).",
    "ko": "데이터 세트마다 정해진 기본값 (K: 클래스 수, spirals 와 gaussians 는 --classes; F: "
    "파일의 특성 수; T: 파일의 목표값 열 수):\n{table}\n\nxor, and, or 는 진리표의 네 행으로 "
    "학습합니다. 논리 게이트의 "
    "잡음 섞인 2차원 점들은 xor-points, and-points, or-points 입니다. plane 과 "
    "multi-gaussian 은 회귀 데이터 세트입니다 (--task regression).",
}


def recipes_epilog(lang: str = "en") -> str:
    """The epilog of ``train --help`` in ``lang``."""
    return WORDS[lang].format(table=recipes_table(HEADER[lang], lang))


RECIPES_EPILOG = recipes_epilog("en")
