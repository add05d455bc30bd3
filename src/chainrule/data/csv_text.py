"""Reading a CSV file's text: a byte-order mark dropped, the delimiter sniffed, and every
bad cell named by its line, its column and its value.

A file from a spreadsheet may start with a UTF-8 byte-order mark (read as ``utf-8-sig``,
so the first column's name stays as written) and may separate its values with ``;``, a tab
or ``|`` instead of ``,``: :func:`sniff_delimiter` looks at the start of the file
(:class:`csv.Sniffer`) and falls back to ``,``.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.util.limits import check_memory

DELIMITERS = ",;\t|"
SNIFF_CHARS = 64 * 1024
# Parsed rows keep every cell as a str (about 50 bytes) and a list slot (8 bytes): a cell
# of two or three bytes in the file ("1,") costs up to ~23 times its size in memory (measured), and
# the float64 matrix a few times more; the file's size times this is what a read may take.
MEMORY_PER_FILE_BYTE = 32


def sniff_delimiter(sample: str) -> str:
    """The delimiter of CSV text starting with ``sample``: ``,``, ``;``, tab or ``|``."""
    lines = [line for line in sample.splitlines() if line.strip()][:50]
    if not lines:
        return ","
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","
    # the sniffer may pick a character of the values; trust it only if the header has it
    return found if found in lines[0] else ","


def read_rows(name: str) -> list[list[str]]:
    """The non-empty rows of the CSV file ``name`` (``OSError`` and friends propagate).

    The rows are held in memory: a file whose rows could need more than half of the
    machine's memory (its size × :data:`MEMORY_PER_FILE_BYTE`) is refused before reading."""
    with open(name, newline="", encoding="utf-8-sig") as f:
        size = os.fstat(f.fileno()).st_size
        check_memory(size * MEMORY_PER_FILE_BYTE, f"the CSV file {name!r} ({size:,} bytes)")
        delimiter = sniff_delimiter(f.read(SNIFF_CHARS))
        f.seek(0)
        return [
            row
            for row in csv.reader(f, delimiter=delimiter)
            if row and any(cell.strip() for cell in row)
        ]


def read_header(name: str) -> list[str]:
    """The first row of the CSV file ``name``, names stripped."""
    with open(name, newline="", encoding="utf-8-sig") as f:
        delimiter = sniff_delimiter(f.read(SNIFF_CHARS))
        f.seek(0)
        return [h.strip() for h in next(csv.reader(f, delimiter=delimiter), [])]


def feature_matrix(
    name: str, header: Sequence[str], body: Sequence[Sequence[str]], features: Sequence[int]
) -> np.ndarray:
    """The feature columns of ``body`` as float64; a cell that is not a number is an error
    naming its line (the header is line 1), its column and its value, with a hint when
    a column holds words (it may be the labels: ``--label-column``)."""
    x = np.empty((len(body), len(features)), dtype=np.float64)
    for n, row in enumerate(body):
        for j, k in enumerate(features):
            cell = row[k].strip()
            try:
                x[n, j] = float(cell)
            except ValueError:
                raise ChainruleError(_bad_cell(name, header, body, n, k, cell)) from None
    return x


def _bad_cell(
    name: str, header: Sequence[str], body: Sequence[Sequence[str]], n: int, k: int, cell: str
) -> str:
    where = f"{name!r} line {n + 2}, column {header[k]!r}"
    if not cell:
        return f"{where}: empty cell, expected a number"
    words = sum(not _is_number(row[k]) for row in body)
    hint = ""
    if words > len(body) // 2:
        hint = (
            f"; column {header[k]!r} holds words: if it is the labels, give "
            f"--label-column {header[k]}"
        )
    return f"{where}: {cell!r} is not a number, expected numbers in every feature column{hint}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
