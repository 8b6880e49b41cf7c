"""Bytes to text: UTF-8 first, then detection for legacy encodings.

Binary data is told apart from text by its control characters, so a JPEG or a
zip named `.txt` is skipped as `not text` instead of being coded as garbage.
"""

from __future__ import annotations

import codecs

from dragoman.errors import Skip

#: Control characters that never occur in text (tab, newlines, form feed and ESC aside).
_TEXT_CONTROLS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """True when the bytes hold a NUL or many control characters: not text."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls / len(sample) > 0.02


def decode_bytes(data: bytes, origin: str = "-") -> str:
    """The text the bytes hold; Skip('not text') or Skip('undecodable') otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise Skip("not text", origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Skip("undecodable", origin)
    text = str(best)
    if looks_binary(text.encode("utf-8", "replace")):
        raise Skip("not text", origin)
    return text
