"""Uploaded material files (topic bank and meeting materials): one check for every upload."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# What a material file may be, and how each kind of file begins.
FILE_SIGNATURES = {
    ".pdf": [b"%PDF"],
    ".docx": [b"PK\x03\x04"],
    ".pptx": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".png": [b"\x89PNG"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
}


def checked_material_file(upload):
    """A material file of a known type, within the size limit, whose content matches its type."""
    if not upload:
        return None
    suffix = Path(upload.name).suffix.lower()
    if suffix not in FILE_SIGNATURES:
        raise forms.ValidationError(
            _("Files of the type '%(type)s' cannot be uploaded.") % {"type": suffix or "?"}
        )
    if upload.size > settings.TOPIC_FILE_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(size)s.")
            % {"size": filesizeformat(settings.TOPIC_FILE_MAX_BYTES)}
        )
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in FILE_SIGNATURES[suffix]):
        raise forms.ValidationError(_("The file's content does not match its type."))
    return upload
