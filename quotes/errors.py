"""Errors users see as one line, and the process exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # the command could not do its job (bad arguments, missing models, database error)
    USAGE = 2  # command-line usage error (click's own code)
    PARTIAL = 3  # a batch finished but some inputs were recorded as errors
    INTERRUPTED = 130


class QuotesError(Exception):
    """An expected failure with a one-line message for the user."""


class InputError(QuotesError):
    """An input file that cannot be read as an article; the message names the file."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
