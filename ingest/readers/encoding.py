"""Turn the bytes of a text file (.txt, .md, .html) into str, refusing binary data."""

from __future__ import annotations

import codecs
import re

from minutegraph.errors import UnreadableDocument

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 4096


def decode_text(data: bytes, filename: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern) or cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif _utf16_without_bom(data[:_SAMPLE]):
        # ASCII in UTF-16 has a NUL on every other byte: odd bytes (LE) or even (BE)
        sample = data[:_SAMPLE]
        little = sample[1::2].count(0) > sample[0::2].count(0)
        text = data.decode("utf-16-le" if little else "utf-16-be", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; those become U+FFFD and count as junk
            text = data.decode("cp1252", errors="replace")
    if looks_binary(text):
        raise UnreadableDocument(f"{filename}: this is binary data, not text")
    return text.lstrip("\ufeff")


def _utf16_without_bom(sample: bytes) -> bool:
    if len(sample) < 4 or len(sample) % 2:
        return False
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    # one half nearly all NULs, the other nearly none: UTF-16 of mostly-Latin text
    half = len(sample) // 2
    return max(odd, even) > half * 0.4 and min(odd, even) < half // 25 + 1


def looks_binary(text: str) -> bool:
    """True when the start of `text` is control characters or undecodable bytes."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return "\x00" in sample or bad > len(sample) * 0.05
