"""The simulator registry: every name builds its back-end, unknown names are refused, and naming
them loads no back-end."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench.sim import SIMULATORS, Simulator, UnknownSimulatorError, get_simulator


@pytest.mark.parametrize("name", list(SIMULATORS))
def test_every_registered_name_builds_its_simulator(name):
    simulator = get_simulator(name)
    assert isinstance(simulator, Simulator) and simulator.name == name


def test_an_unknown_simulator_names_the_known_ones():
    with pytest.raises(UnknownSimulatorError, match="unknown simulator 'xsim'; choose one of: icarus, verilator"):
        get_simulator("xsim")


def test_the_registry_loads_no_back_end():
    probe = "import sys, workbench.sim; print(sorted(m for m in sys.modules if m.startswith('workbench.sim.')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
