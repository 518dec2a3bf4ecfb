"""Shared fixtures: small task folders built on the fly from the doctor's tiny counter task."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.eval.toolchain import DOCTOR_TASK
from workbench.task.format import Task, load_task

COUNTER_TOP = "doctor_counter"


def copy_task(destination: Path, task_id: str = "counter") -> Path:
    """A copy of the doctor's counter task under ``destination/<task_id>`` with that id."""
    folder = destination / task_id
    shutil.copytree(DOCTOR_TASK, folder)
    toml = folder / "task.toml"
    toml.write_text(toml.read_text().replace('id = "doctor_task"', f'id = "{task_id}"'))
    return folder


def batched(result) -> bool:
    """Whether the answer was simulated in a batch (see workbench.scorer._batch)."""
    return result.artefacts is not None and "-batch-" in result.artefacts.name


@pytest.fixture
def counter_task(tmp_path: Path) -> Task:
    return load_task(copy_task(tmp_path / "suite"))


@pytest.fixture
def counter_reference(counter_task: Task) -> str:
    return counter_task.reference_text()
