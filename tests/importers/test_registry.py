"""The importer registry: every name is an importer with what its command needs, and every one is
a command of `rtlwb import` with the shared options after its own."""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from workbench.cli.importers import import_app
from workbench.importers import IMPORTERS, SuiteImporter, get_importer


@pytest.mark.parametrize("name", list(IMPORTERS))
def test_every_registered_importer_is_a_command(name):
    importer = get_importer(name)
    assert issubclass(importer, SuiteImporter) and importer.source_help and inspect.getdoc(importer)
    shown = CliRunner().invoke(import_app, [name, "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert inspect.getdoc(importer).split()[0] in shown.output
    options = ["--out", "--errata", *(["--sim"] if importer.simulators else []), "--jobs", "--no-check", "--json"]
    own = [f"--{field.replace('_', '-')}" for field in importer.model_fields]
    positions = [shown.output.index(f"{option} ") for option in [*own, *options]]
    assert positions == sorted(positions)


def test_an_unknown_importer_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown importer 'nope'; choose one of: verilog-eval, rtllm"):
        get_importer("nope")
