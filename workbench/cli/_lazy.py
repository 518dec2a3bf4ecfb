"""Sub-commands loaded when they run: ``rtlwb --help`` names every command without importing one.

A command's module (and the simulators, parsers and model libraries behind it) is imported only
when that command is invoked or its own help is asked for; the top-level help reads the one-line
summaries from :data:`LazyCommand.summary`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click
import typer
from typer.core import TyperGroup


@dataclass(frozen=True)
class LazyCommand:
    """``rtlwb NAME``: the typer app at ``target`` ("module:attribute"); ``summary`` for the top-level help."""

    name: str
    target: str
    summary: str

    def load(self) -> click.Command:
        module, _, attribute = self.target.partition(":")
        command = typer.main.get_command(getattr(importlib.import_module(module), attribute))
        command.name = self.name
        return command


class LazyGroup(TyperGroup):
    """A typer group whose sub-commands are :class:`LazyCommand` placeholders until resolved."""

    lazy_commands: tuple[LazyCommand, ...] = ()

    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        self._lazy = {command.name: command for command in self.lazy_commands}
        for command in self.lazy_commands:
            self.commands[command.name] = click.Command(command.name, help=command.summary,
                                                        short_help=command.summary)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] in self._lazy:
            self.commands[args[0]] = self._lazy.pop(args[0]).load()
        return super().resolve_command(ctx, args)
