"""Bytes to text: UTF-8 first, then detection for legacy encodings.

Binary data is told apart from text by its control characters, so a JPEG or a
zip named `.txt` is skipped as `not text` instead of being coded as garbage.

A file that is UTF-8 but for a few bad bytes stays UTF-8 (the bad bytes
replaced, one warning on standard error): left to detection it comes back as
some other code page that garbles every quote mark and accent of the file.
UTF-16 without a byte-order mark is told by where its NUL bytes fall.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from typing import Optional

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
    wide = utf16_without_bom(data)
    if wide is not None:
        return wide
    if looks_binary(data):
        raise Skip("not text", origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    repaired = mostly_utf8(data)
    if repaired is not None:
        text, bad = repaired
        print(f"dragoman: warning: {origin}: {bad} invalid UTF-8 sequence{'s' if bad != 1 else ''} "
              "replaced with U+FFFD", file=sys.stderr, flush=True)
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Skip("undecodable", origin)
    text = str(best)
    if looks_binary(text.encode("utf-8", "replace")):
        raise Skip("not text", origin)
    return text


def mostly_utf8(data: bytes) -> Optional[tuple[str, int]]:
    """(text with bad bytes replaced, number of bad sequences) when the bytes are UTF-8 with
    a few faults, else None.

    The test is that at least as many non-ASCII characters decode as UTF-8 as fail. A file
    in a legacy code page has (nearly) no valid multi-byte UTF-8 sequence, so it is left to
    detection; a pure-ASCII file with a stray byte is too, having no evidence either way.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    wide_chars = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if 0 < bad <= wide_chars:
        return text, bad
    return None


#: Unicode categories that do not occur in text: unassigned, private use, lone surrogates.
_NOT_TEXT_CATEGORIES = {"Cn", "Co", "Cs"}
#: Share of odd characters (controls, unassigned) a UTF-16 reading may hold and still be text.
_MAX_ODD_SHARE = 0.01


def utf16_without_bom(data: bytes) -> Optional[str]:
    """The text of UTF-16 bytes that carry no byte-order mark, else None.

    Text in UTF-16 has its NUL bytes (the high byte of every ASCII character)
    on one side of each pair; other NUL-holding data has them on both sides or
    does not decode to plausible text, and stays `not text`.
    """
    sample = data[:8192]
    if len(data) % 2 or b"\x00" not in sample:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls > 1 and even_nuls <= odd_nuls // 50:
        encoding = "utf-16-le"
    elif even_nuls > 1 and odd_nuls <= even_nuls // 50:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    head = text[:4096]
    odd = sum(1 for ch in head
              if (unicodedata.category(ch) in _NOT_TEXT_CATEGORIES)
              or (unicodedata.category(ch) == "Cc" and ord(ch) not in _TEXT_CONTROLS))
    return text if odd <= _MAX_ODD_SHARE * len(head) else None
