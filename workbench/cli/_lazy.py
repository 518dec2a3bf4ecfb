"""Sub-commands loaded when they run: ``rtlwb --help`` names every command without importing one.

A command's module (and the simulators, parsers and model libraries behind it) is imported only
when that command is invoked or its own help is asked for; the top-level help shows the one-line
summaries written in the table of :class:`LazyCommand` entries.
"""

from __future__ import annotations

from dataclasses import dataclass

import typer
from typer.core import TyperCommand, TyperGroup

from workbench._exports import load


@dataclass(frozen=True)
class LazyCommand:
    """``rtlwb NAME``: a typer app (a group of commands) or a command function at ``target``
    ("module:attribute"); ``summary`` for the top-level help."""

    name: str
    target: str
    summary: str

    def load(self) -> TyperCommand | TyperGroup:
        loaded = load(self.target)
        if isinstance(loaded, typer.Typer):
            group = typer.main.get_group(loaded)  # a group even when it has one command (``rtlwb sva check``)
            group.name = self.name
            return group
        single = typer.Typer(add_completion=False)
        single.command(self.name)(loaded)
        command = typer.main.get_command(single)
        assert isinstance(command, TyperCommand)
        return command


class LazyGroup(TyperGroup):
    """A typer group whose sub-commands stay placeholders (name and summary) until one is invoked."""

    lazy_commands: tuple[LazyCommand, ...] = ()

    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        self._unloaded = {command.name: command for command in self.lazy_commands}
        for command in self.lazy_commands:
            self.commands[command.name] = TyperCommand(command.name, help=command.summary,
                                                       short_help=command.summary)

    def resolve_command(self, ctx, args):  # (click's Context and argument list, as in TyperGroup)
        if args and args[0] in self._unloaded:
            self.commands[args[0]] = self._unloaded.pop(args[0]).load()
        return super().resolve_command(ctx, args)
