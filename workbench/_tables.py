"""Reading code tables: JSON Lines, JSON arrays, parquet files and folders written by datasets'
``save_to_disk``, with the columns holding code and description found by their usual names. Shared
by user retrieval corpora and dataset ingestion; errors name the file and the problem."""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

CODE_COLUMNS = ("code", "solution", "canonical_solution", "reference", "verilog", "rtl")
DESCRIPTION_COLUMNS = ("description", "spec", "specification", "prompt", "instruction", "text")
TABLE_SUFFIXES = (".jsonl", ".json", ".parquet")


class DataFileError(Exception):
    """A file or dataset that cannot be read as asked; the message names it and the problem."""


@dataclass(frozen=True)
class TableSpec:
    """A folder of code or a table; for a table, which columns hold the code and the description
    (the first of the usual names present when not given) and, for a saved ``DatasetDict``, which split."""

    path: Path
    code_column: str | None = None
    description_column: str | None = None
    split: str | None = None

    @classmethod
    def parse(cls, text: str | Path | TableSpec) -> TableSpec:
        """``PATH`` or ``PATH:code=COLUMN,description=COLUMN,split=NAME`` (any of the three)."""
        if isinstance(text, TableSpec):
            return text
        match = re.fullmatch(r"(.+):(\w+=[^,=]*(?:,\w+=[^,=]*)*)", str(text))
        if not match:
            return cls(Path(text))
        options = dict(pair.split("=", 1) for pair in match.group(2).split(","))
        names = {"code": "code_column", "description": "description_column", "split": "split"}
        unknown = set(options) - set(names)
        if unknown:
            raise DataFileError(f"{text}: unknown corpus option {', '.join(sorted(unknown))} "
                                f"(known: {', '.join(names)})")
        return cls(Path(match.group(1)), **{names[key]: value for key, value in options.items()})


def read_text(file: Path) -> str:
    try:
        # Comments in legacy encodings must not make a whole corpus unusable.
        return file.read_text(errors="replace")
    except OSError as problem:
        raise DataFileError(f"{file}: cannot read ({problem.strerror})") from None


def is_saved_dataset(path: Path) -> bool:
    return path.is_dir() and any((path / name).is_file() for name in ("state.json", "dataset_dict.json"))


def read_table(spec: TableSpec) -> tuple[list[str], list[dict]]:
    """(column names, rows) of a table file or saved dataset folder."""
    path = spec.path
    if path.is_dir():
        return _saved_dataset_table(path, spec.split)
    if path.suffix in (".jsonl", ".json"):
        rows = _json_rows(path)
        return sorted({column for row in rows for column in row}), rows
    if path.suffix == ".parquet":
        parquet = optional_module("pyarrow.parquet", path)
        try:
            table = parquet.read_table(path)
        except Exception as problem:  # noqa: BLE001 - pyarrow raises many kinds for a bad file
            raise DataFileError(f"{path}: not a readable parquet file ({problem})") from None
        return table.column_names, table.to_pylist()
    raise DataFileError(f"{path}: not a corpus: expected a folder of .v/.sv files, a .jsonl or .parquet "
                        "file, or a folder written by datasets' save_to_disk")


def pick_column(path: Path, columns: list[str], wanted: str | None, usual: tuple[str, ...], what: str,
                required: bool = True) -> str | None:
    """The column named ``wanted``, else the first usual one present; None when optional and absent."""
    if wanted is not None and wanted in columns:
        return wanted
    if wanted is None:
        for name in usual:
            if name in columns:
                return name
        if not required:
            return None
    looked_for = repr(wanted) if wanted else f"any of {', '.join(usual)}"
    raise DataFileError(f"{path}: no {what} column (looked for {looked_for}; columns: {', '.join(columns) or 'none'}); "
                        f"name it with {path}:{what}=COLUMN")


def optional_module(name: str, path: Path):
    try:
        return importlib.import_module(name)
    except ImportError:
        raise DataFileError(f"{path}: reading it needs the datasets package: "
                            "pip install 'rtl-workbench[datasets]'") from None


def _json_rows(path: Path) -> list[dict]:
    """JSON Lines, or (a .json file starting with ``[``) one array of objects."""
    text = read_text(path)
    if path.suffix == ".json" and text.lstrip().startswith("["):
        numbered = [(f"item {number}", row) for number, row in enumerate(_parse_json(path, text), start=1)]
    else:
        numbered = [(str(number), _parse_json(path, line, number))
                    for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    for where, row in numbered:
        if not isinstance(row, dict):
            raise DataFileError(f"{path}:{where}: expected a JSON object with the code and the description")
    return [row for _, row in numbered]


def _parse_json(path: Path, text: str, line: int | None = None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        raise DataFileError(f"{path}:{line or problem.lineno}: not JSON ({problem.msg})") from None


def _saved_dataset_table(path: Path, split: str | None) -> tuple[list[str], list[dict]]:
    datasets = optional_module("datasets", path)
    try:
        dataset = datasets.load_from_disk(str(path))
    except Exception as problem:  # noqa: BLE001 - datasets raises many kinds for a damaged folder
        raise DataFileError(f"{path}: not a readable saved dataset ({problem})") from None
    if isinstance(dataset, datasets.DatasetDict):
        dataset = dataset[_split_of(path, list(dataset), split)]
    return dataset.column_names, dataset.to_list()


def _split_of(path: Path, splits: list[str], wanted: str | None) -> str:
    if wanted is None and len(splits) == 1:
        return splits[0]
    if wanted is None and "train" in splits:
        return "train"
    if wanted in splits:
        return wanted
    raise DataFileError(f"{path}: {'no split ' + repr(wanted) if wanted else 'several splits'}; "
                        f"choose one with {path}:split=NAME (splits: {', '.join(splits)})")
