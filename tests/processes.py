"""Processes as Linux shows them in /proc: whose children, alive, busy."""

from __future__ import annotations

import time
from pathlib import Path

PROC = Path("/proc")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first)."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text.rsplit(")", 1)[1].split()  # the name may hold spaces and ")"


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def command(pid: int) -> str:
    """The process's command line, arguments joined by spaces ("" when gone)."""
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def descendants(pid: int) -> list[int]:
    """Children, their children and so on."""
    found = []
    todo = children(pid)
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children(child))
    return sorted(found)


def alive(pid: int) -> bool:
    """Running or sleeping: neither gone nor a zombie waiting to be reaped."""
    fields = _stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time the process used, in clock ticks."""
    fields = _stat(pid)
    assert fields is not None, f"no process {pid}"
    return int(fields[11]) + int(fields[12])


def wait_until_busy(pid: int, *, ticks: int = 10, timeout: float = 30.0) -> None:
    """Wait until `pid` has used `ticks` more clock ticks of CPU (it is working)."""
    start = cpu_ticks(pid)
    deadline = time.monotonic() + timeout
    while cpu_ticks(pid) - start < ticks:
        assert time.monotonic() < deadline, f"process {pid} stayed idle"
        time.sleep(0.02)


def wait_until_gone(pids: list[int], *, timeout: float = 5.0) -> None:
    """Wait until none of `pids` is alive; fail naming those that are."""
    deadline = time.monotonic() + timeout
    while living := [pid for pid in pids if alive(pid)]:
        assert time.monotonic() < deadline, f"still alive after {timeout:g} s: {living}"
        time.sleep(0.05)
