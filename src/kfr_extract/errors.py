"""Errors the library raises on purpose: each maps to one record `error.type`."""

from __future__ import annotations

from kfr_extract.models import Error, ErrorType


class KfrError(Exception):
    """A problem with one document, reported in its record instead of stopping the batch."""

    def __init__(self, type_: ErrorType, message: str) -> None:
        super().__init__(message)
        self.type: ErrorType = type_
        self.message = message

    def to_error(self) -> Error:
        return Error(type=self.type, message=self.message)


class ModelNotInstalled(RuntimeError):
    """No English spaCy model is installed: nothing can be parsed."""
