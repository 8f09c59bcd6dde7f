"""Attachment checks: a size limit and an allow-list of types, by extension and by the file's first bytes."""

from __future__ import annotations

import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

ALLOWED_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "eml": "message/rfc822",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def _is_docx(stream: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def sniff_matches(extension: str, stream: IO[bytes]) -> bool:
    stream.seek(0)
    head = stream.read(4096)
    stream.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in ("txt", "eml"):
        return _looks_like_text(head)
    if extension == "docx":
        ok = head.startswith(b"PK\x03\x04") and _is_docx(stream)
        stream.seek(0)
        return ok
    return False


def validate_attachment(*, name: str, size: int, stream: IO[bytes]) -> str:
    """Return the content type to store; raise ValidationError({"file": …}) when the file is refused."""
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("Die Datei ist zu groß (höchstens 10 MB).")})
    if size == 0:
        raise ValidationError({"file": _("Die Datei ist leer.")})
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            {"file": _("Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, PNG, JPEG, TXT, EML und DOCX.")}
        )
    if not sniff_matches(extension, stream):
        raise ValidationError({"file": _("Der Inhalt der Datei passt nicht zu ihrer Endung.")})
    return ALLOWED_TYPES[extension]
