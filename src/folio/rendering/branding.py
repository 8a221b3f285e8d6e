"""A sender's look (colours, logo, footer, envelope window) and the checks on uploaded logos.

`BrandingSpec` is what renderers read: built from a saved `Branding` row, from an unsaved form
(template preview), or from the defaults. Logos are checked here before anything stores or
renders them: PNG, JPEG or SVG, at most 512 KB, and an SVG may not reference anything outside
itself (no external links, scripts or entities), because the renderers must never fetch.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from lxml import etree

from folio.core.errors import ApplicationError
from folio.ingestion.xml_safety import XmlRejected, parse_xml
from folio.rendering.models import DEFAULT_ACCENT_COLOR, DEFAULT_PRIMARY_COLOR, WindowPosition

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_PIXELS = 4096 * 4096
HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# WCAG 2.x AA for normal text: headings and table heads are drawn in the primary colour.
MIN_CONTRAST_ON_WHITE = 4.5

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SVG_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video"}


class BrandingError(ApplicationError):
    status = 422


@dataclass(frozen=True)
class Logo:
    """A checked logo: its bytes, type, and the SVG text that renderers embed."""

    content: bytes
    content_type: str
    width: float
    height: float
    sha256: str

    @property
    def svg(self) -> str:
        """SVG text for Typst and HTML; raster logos are wrapped as a data: image, so that
        rendering reads the logo from memory, never from a path."""
        if self.content_type == "image/svg+xml":
            return self.content.decode("utf-8")
        encoded = base64.b64encode(self.content).decode("ascii")
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width:g}" '
            f'height="{self.height:g}" viewBox="0 0 {self.width:g} {self.height:g}">'
            f'<image width="{self.width:g}" height="{self.height:g}" '
            f'href="data:{self.content_type};base64,{encoded}"/></svg>'
        )

    @property
    def data_uri(self) -> str:
        return f"data:{self.content_type};base64,{base64.b64encode(self.content).decode('ascii')}"


@dataclass(frozen=True)
class BrandingSpec:
    primary_color: str = DEFAULT_PRIMARY_COLOR
    accent_color: str = DEFAULT_ACCENT_COLOR
    footer_text: str = ""
    window_position: str = WindowPosition.LEFT
    logo: Logo | None = None


DEFAULT_BRANDING = BrandingSpec()


def _relative_luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_color: str) -> float:
    return 1.05 / (_relative_luminance(hex_color) + 0.05)


def color_check(value: str, *, field: str) -> str:
    if not HEX_COLOR.match(value or ""):
        raise BrandingError("branding_color_invalid", _("Colours are written as #RRGGBB."))
    if field == "primary_color" and contrast_on_white(value) < MIN_CONTRAST_ON_WHITE:
        raise BrandingError(
            "branding_color_contrast",
            _("The primary colour is too light to read on white; choose a darker one."),
        )
    return value.upper()


def _svg_check(content: bytes) -> tuple[float, float]:
    try:
        tree = parse_xml(content, max_bytes=MAX_LOGO_BYTES)
    except XmlRejected as error:
        raise BrandingError("logo_svg_invalid", _("The SVG file cannot be read safely.")) from (
            error
        )
    root = tree.getroot()
    if root.tag != f"{{{SVG_NS}}}svg":
        raise BrandingError("logo_svg_invalid", _("The file is not an SVG image."))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in SVG_FORBIDDEN_TAGS:
            raise BrandingError(
                "logo_svg_active", _("SVG logos may not contain scripts or embedded pages.")
            )
        for name, value in element.attrib.items():
            if name.startswith("on"):
                raise BrandingError(
                    "logo_svg_active", _("SVG logos may not contain scripts or embedded pages.")
                )
            if name in {"href", XLINK_HREF} and not value.strip().startswith(("#", "data:")):
                raise BrandingError(
                    "logo_svg_external",
                    _("SVG logos may not link to other files or addresses."),
                )
            if "url(" in value and not re.fullmatch(r"\s*url\(\s*#[^)]*\)\s*", value):
                raise BrandingError(
                    "logo_svg_external",
                    _("SVG logos may not link to other files or addresses."),
                )
        if (
            local == "style"
            and element.text
            and ("url(" in element.text or "@import" in element.text)
        ):
            raise BrandingError(
                "logo_svg_external", _("SVG logos may not link to other files or addresses.")
            )
    width = _svg_length(root.get("width")) or 0
    height = _svg_length(root.get("height")) or 0
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if (not width or not height) and len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            width = height = 0
    if width <= 0 or height <= 0:
        raise BrandingError("logo_svg_size", _("The SVG needs a width and height or a viewBox."))
    return width, height


def _svg_length(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+)\s*(px|pt|mm)?\s*", value or "")
    return float(match.group(1)) if match else None


def logo_check(content: bytes) -> Logo:
    """Accept a PNG, JPEG or SVG of at most 512 KB; raise BrandingError otherwise."""
    if not content:
        raise BrandingError("logo_empty", _("The logo file is empty."))
    if len(content) > MAX_LOGO_BYTES:
        raise BrandingError("logo_too_large", _("The logo may be at most 512 KB."))
    digest = hashlib.sha256(content).hexdigest()
    if content.startswith(b"\x89PNG\r\n\x1a\n") or content.startswith(b"\xff\xd8\xff"):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(content)) as image:
                if image.format not in {"PNG", "JPEG"}:
                    raise BrandingError("logo_type", _("Logos must be PNG, JPEG or SVG."))
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise BrandingError("logo_too_large", _("The logo has too many pixels."))
                image.verify()
                content_type = "image/png" if image.format == "PNG" else "image/jpeg"
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise BrandingError("logo_type", _("The image file is damaged.")) from error
        return Logo(content, content_type, float(width), float(height), digest)
    head = content[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")):
        width, height = _svg_check(content)
        return Logo(content, "image/svg+xml", width, height, digest)
    raise BrandingError("logo_type", _("Logos must be PNG, JPEG or SVG."))
