"""Helpers shared by the CLI commands: error printing and exit codes."""

from __future__ import annotations

import sys

import click

from minutebook.errors import MinutebookError


def report_error(error: MinutebookError) -> None:
    """Print ``Error: SOURCE: reason`` on stderr, one line."""
    click.echo(error.one_line(), err=True)


def fail(error: MinutebookError) -> None:
    """Report ``error`` and exit with the code its class carries."""
    report_error(error)
    sys.exit(error.exit_code)
