"""Originals on disk, stored once under their sha256 (content-addressed, write-once)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_of(data: bytes) -> str:
    """Hex sha256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def original_path(storage_dir: Path, sha256: str) -> Path:
    """Where the original with this hash lives: <dir>/ab/abcdef...."""
    return storage_dir / sha256[:2] / sha256


def save_original(storage_dir: Path, data: bytes) -> tuple[str, Path]:
    """Write the bytes once under their hash (atomically); returns (sha256, path)."""
    digest = sha256_of(data)
    path = original_path(storage_dir, digest)
    if path.exists() and path.stat().st_size == len(data):
        return digest, path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # readers never see a half-written original
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest, path


def load_original(path: Path) -> bytes:
    """The stored bytes."""
    return path.read_bytes()
