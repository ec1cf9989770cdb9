"""The errors minutegraph raises on purpose, each with a stable code."""

from __future__ import annotations


class MinutegraphError(Exception):
    """Base of every error minutegraph raises on purpose."""

    code = "MG000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class IngestError(MinutegraphError):
    """A document could not be turned into an extraction."""

    code = "MG100"


class UnsupportedDocument(IngestError):
    """The file is of a type minutegraph does not read."""

    code = "MG101"


class UnreadableDocument(IngestError):
    """The file claims a supported type but cannot be read (broken, truncated, junk)."""

    code = "MG102"


class EncryptedDocument(UnreadableDocument):
    """The file is password-protected."""

    code = "MG103"


class DocumentTooLarge(UnreadableDocument):
    """The file, or what it decompresses to, is over the limit."""

    code = "MG104"


class EmptyDocument(UnreadableDocument):
    """The file holds no text to extract (empty, or a PDF without a text layer)."""

    code = "MG105"
