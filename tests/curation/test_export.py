"""Export: a real workspace written as a Hugging Face dataset that `datasets` loads both ways
(`load_dataset` on the folder, `load_from_disk` on its save_to_disk copy), with the license given."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.curation import (
    CheckResult,
    CheckVerdict,
    DatasetStore,
    ExportError,
    ExportOptions,
    Language,
    Provenance,
    Record,
    Verification,
    export,
    hub_license,
    record_id,
)

datasets = pytest.importorskip("datasets")

DESIGNS = {
    "inv": "module inv(input a, output y); assign y = ~a; endmodule\n",
    "and2": "module and2(input a, b, output y); assign y = a & b; endmodule\n",
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Two verified records and one the verifier has not seen, as the stages leave them."""
    folder = tmp_path / "ws"
    with DatasetStore(folder, create=True) as store:
        records = [_record(name, code) for name, code in DESIGNS.items()]
        store.add_records([*records, _record("later", "module later(output y); assign y = 1'b0; endmodule\n")])
        for record in records:
            parse = CheckResult(verdict=CheckVerdict.PASS, message="")
            store.save_verification(Verification(record_id=record.id, verified=True, reason="",
                                                 checks={"parse": parse}, verifier="verify@1"))
    return folder


def _record(name: str, code: str) -> Record:
    provenance = Provenance(source="lib", path=f"{name}.v", license="MIT")
    return Record(id=record_id(provenance, name, code), language=Language.VERILOG, top=name, code=code,
                  provenance=provenance)


def _export(workspace: Path, out: Path, **options) -> None:
    with DatasetStore(workspace) as store:
        export(store, out, ExportOptions(**options))


def _loaded(folder: Path, cache: Path):
    return datasets.load_dataset(str(folder), split="train", cache_dir=str(cache))


def test_the_folder_loads_with_load_dataset_and_its_disk_copy_with_load_from_disk(workspace, tmp_path):
    out = tmp_path / "out"
    _export(workspace, out, license="MIT")
    by_folder = _loaded(out, tmp_path / "cache")
    from_disk = datasets.load_from_disk(str(out / "disk"))
    assert sorted(by_folder["top"]) == sorted(from_disk["top"]) == ["and2", "inv"]
    assert by_folder.features == from_disk.features
    card = (out / "README.md").read_text()
    assert "\nlicense: mit\n" in card and "path: data.parquet" in card
    assert "`datasets.load_from_disk(FOLDER/disk)`" in card


@pytest.mark.parametrize("formats", [("jsonl",), ("disk",), ("parquet", "jsonl")])
def test_every_choice_of_formats_loads_with_its_column_types(workspace, tmp_path, formats):
    out = tmp_path / "out"
    _export(workspace, out, formats=formats)
    rows = _loaded(out, tmp_path / "cache")
    # Columns empty in every row (no description stage ran) keep their types: JSON Lines gets them from the card.
    assert rows.features["summary"].dtype == "string" and rows.features["cells"].dtype == "int64"
    assert rows.features["checks"]["lint"].dtype == "string"
    assert sorted(rows["top"]) == ["and2", "inv"] and {row["checks"]["parse"] for row in rows} == {"pass"}
    assert (out / "disk").is_dir() == ("disk" in formats)


@pytest.mark.parametrize(("given", "identifier"), [
    ("MIT", "mit"), ("Apache-2.0", "apache-2.0"), ("cc-by-4.0", "cc-by-4.0"), ("GPL-3.0-or-later", "gpl-3.0"),
    ("LGPL-2.1-only", "lgpl-2.1"), ("ODbL-1.0", "odbl"), ("BSD-3-Clause", "bsd-3-clause"), ("other", "other"),
])
def test_licenses_are_hub_identifiers_or_spdx_ids(given, identifier):
    assert hub_license(given) == identifier


def test_an_unknown_license_is_refused_before_an_earlier_export_is_replaced(workspace, tmp_path):
    out = tmp_path / "out"
    _export(workspace, out, formats=("jsonl",))
    before = sorted(path.name for path in out.iterdir())
    with pytest.raises(ExportError, match=r"--license 'Apche-2\.0': not a license the Hugging Face Hub knows "
                                          r"\(did you mean apache-2\.0\?\)"):
        _export(workspace, out, license="Apche-2.0")
    with pytest.raises(ExportError, match="--license 'proprietary'"):
        _export(workspace, out, license="proprietary")
    assert sorted(path.name for path in out.iterdir()) == before
    with pytest.raises(ExportError, match=r"--format: unknown format csv \(known: disk, parquet, jsonl\)"):
        _export(workspace, out, formats=("csv",))
