"""Real files of every format FactDesk reads, made in code, for the reader tests and fuzzing.

PDFs are written by hand (a page with a Helvetica text stream and a correct cross-reference
table) because pypdf's writer cannot set text; .docx files by python-docx, or by rewriting
one part of a saved .docx to get shapes Word would never write.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence

import docx


def pdf_bytes(objects: Sequence[bytes]) -> bytes:
    """A PDF of these numbered objects (1 is the catalog), with a valid xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _escape(line: str) -> bytes:
    text = line.encode("latin-1", "replace")
    return text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page_pdf(content: bytes, *, compress: bool = True, info: bytes = b"") -> bytes:
    """A one-page PDF whose page content stream is ``content`` (Flate-compressed or not)."""
    data = zlib.compress(content, 9) if compress else content
    flate = b"/Filter/FlateDecode" if compress else b""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d%s>>stream\n%s\nendstream" % (len(data), flate, data),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    pdf = pdf_bytes(objects)
    if info:
        pdf = pdf.replace(b"trailer<<", b"trailer<<" + info, 1)
    return pdf


def text_pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF whose text layer holds these lines."""
    ops = [b"BT /F1 11 Tf 50 750 Td 14 TL"]
    ops += [b"(%s) Tj T*" % _escape(line) for line in lines]
    ops.append(b"ET")
    return page_pdf(b"\n".join(ops))


def docx_bytes(paragraphs: Sequence[str], title: str = "") -> bytes:
    """A Word document with these paragraphs and title, as python-docx writes it."""
    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_part(docx_data: bytes, name: str, content: bytes) -> bytes:
    """The same .docx with one part's content replaced."""
    source = zipfile.ZipFile(io.BytesIO(docx_data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name
                            else source.read(info.filename))
    return buffer.getvalue()


def document_xml(docx_data: bytes) -> bytes:
    """The main document part of a .docx."""
    return zipfile.ZipFile(io.BytesIO(docx_data)).read("word/document.xml")


def html_page(title: str, paragraphs: Sequence[str]) -> str:
    """A news page with navigation chrome around the article."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title><meta property='og:site_name' "
            f"content='Example News'></head><body><nav><a href='/'>Home</a> "
            f"<a href='/world'>World</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Share on Facebook</footer></body></html>")
