"""Word (.docx): offices write in Word, so drafts must be linted where they are written.

The reader opens the package with python-docx and reads the body's XML itself (lxml): the
body's paragraphs and the paragraphs of table cells in document order (a table's rows top to
bottom, each row's cells left to right, nested tables and block-level content controls
included). A paragraph's text is every visible run in it, also inside tracked insertions and
moves, content controls, hyperlinks, smart tags, custom XML and simple fields; text a tracked
change deleted or moved away, hidden text (Font > Hidden on a run; hiding by a style is not
looked up) and field codes are not read, nor headers and footers (page numbers and
running heads, repeated on every page; a 公文's 版头 is in the body) and comments (a
reviewer's notes, not the document's text).
The Document's ``text`` is those paragraphs joined by ``"\\n"``, one paragraph per line, so a
finding's **line is the paragraph number**, counting every paragraph of the body and of the
table cells from 1, empty paragraphs included, and its column is the character within that
line; but a line break inside a paragraph (Shift+Enter, ``w:br``; a page or column break
too) is a ``"\\n"`` as well, and starts a line, as the text after it does in Word: a report
pasted as one paragraph of such lines reads as the same lines typed in a .txt, headings and
all, and the paragraphs after it count on from the line it ends on (each line of a cell is
a cell's, of a heading a heading's). The paragraphs of text boxes (a template's red header,
发文字号 and 版记 are often text boxes) follow as lines after the body's last paragraph, in
the order they are anchored, so they do not shift the body's numbering; Word saves each text
box twice (a drawing in ``mc:Choice`` and a VML copy in ``mc:Fallback``), and it is read
once. Then come the footnotes' paragraphs and the endnotes', which are the document's text
too (sources, explanations), without their reference marks. Where each text box and note
starts goes to ``doc.meta["stories"]`` (its first line and its name, 文本框1, 脚注2, 尾注1),
and a finding there names it in its message (lint/engine.py). A symbol-font character
(Insert > Symbol, ``w:sym``), which has no meaning as text, becomes a masked space. A
paragraph a tracked change deleted whole stays a line (empty), as Word shows it with the
markup.

A paragraph Word numbers with a list (Format > Numbering, or a heading style linked to a
multilevel list, as 公文 templates number 一、（一）1.（1）) starts with its number as Word
shows it, worked out by lint/readers/docx_numbering.py: ``一、主要工作情况``, a tab after the
number when the list says so. The number is read as text, not masked: a heading is then a
heading (no period asked), the structure rules see the numbering the reader sees (a list that
goes on at ``（三）`` under ``二、``, a level written ``一.``), and the same report typed by hand
gives the same findings at the same columns. The paragraphs of text boxes and notes are
numbered too, each text box and each notes part counting its lists from the start, as
stories apart from the body. Bullets are not read. A paragraph with an
outline level (a heading style, 标题 1/Heading 1, or Paragraph > Outline level) and no number
goes to ``doc.meta["heading_lines"]``, as a Markdown heading does: a section title, never a
paragraph without its period nor a subtitle, however long.

The lines of table cells, text boxes and notes go to ``doc.meta["table_lines"]``: the structure
analysis gives them the role ``cell``, so the paragraph-end rules do not ask a cell
(``已完成整改，正在验收``) or a header (``××市人民政府文件``) for a period, nor read a column
of cells as one sentence broken at every cell, and the closing signature and date are found
above them.

The result is ``kind="docx"``: findings only. ``--fix`` does not rewrite Word files (a fix at
a character offset cannot be written back into runs without risking their formatting), and
says so; the report offers no fix for them either (``Document.rewritable``). A file that is
not a valid .docx is a ReadError with a message a writer can act on; a relationship to a
part the package lacks is skipped, as Word skips it; a template (.dotx) or a
macro-enabled document (.docm, .dotm), under its own name or a .docx name, is read as a
.docx: its text is the same WordprocessingML.
"""

from __future__ import annotations

import gc
import io
import zipfile

from ..document import Document
from . import ReadError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc (and encrypted .docx)
#: the namespace of Strict Open XML's relationships (Word's Save As > Strict Open XML
#: Document), where a .docx has http://schemas.openxmlformats.org/...
_STRICT = b"http://purl.oclc.org/ooxml/officeDocument/relationships"
#: what reads as a masked space: a check box, a symbol-font character (``\v``), and line
#: breaks written as characters of a text (a line break in Word is ``w:br``)
_MASKED_CHARS = "\r\v\u2028\u2029"


def read_docx(data: bytes, path: str | None) -> Document:
    parts: list[str] = []
    masked: list[tuple[int, int]] = []
    cells: set[int] = set()
    headings: set[int] = set()
    placeholders: list[tuple[int, int]] = []
    offset = 0
    number = 1  # the line a paragraph starts
    firsts: list[int] = []
    lines, stories = _paragraphs(data)
    for paragraph, in_table, heading, marks, _ in lines:
        if any(ch in paragraph for ch in _MASKED_CHARS):  # rare: look at each character
            paragraph = _mask_chars(paragraph, offset, masked)
        # (a line break in the paragraph is a "\n": the line after it is the paragraph's)
        span = range(number, number + paragraph.count("\n") + 1)
        if in_table:
            cells.update(span)
        if heading:
            headings.update(span)
        placeholders += [(offset + start, offset + end) for start, end in marks]
        parts.append(paragraph)
        firsts.append(number)
        offset += len(paragraph) + 1
        number = span.stop
    text = "\n".join(parts)
    meta = {"table_lines": cells, "heading_lines": headings,
            "node_spans": {"placeholder": placeholders},
            "stories": [(firsts[index], name) for index, name in stories]}
    if not text.strip():  # a scanned page pasted into Word passed as a clean document
        meta["notices"] = [" no text to lint: the document's body holds pictures only (a scan?)"
                           if _has_pictures(data) else
                           " no text to lint: the document's body is empty"]
    return Document(text=text, path=path, masked=masked, kind="docx", meta=meta)


def _has_pictures(data: bytes) -> bool:
    """Whether a Word document's body (``word/document.xml``, where Word keeps it; not a
    header's logo) holds a picture or a shape (DrawingML or VML)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError):  # (another part name)
        return False
    return b"<w:drawing" in xml or b"<w:pict" in xml


def _mask_chars(paragraph: str, offset: int, masked: list[tuple[int, int]]) -> str:
    """Each of :data:`_MASKED_CHARS` in a paragraph as a masked space; ``offset`` is where
    the paragraph starts in the text."""
    chars = list(paragraph)
    for i, ch in enumerate(chars):
        if ch in _MASKED_CHARS:
            masked.append((offset + i, offset + i + 1))
            chars[i] = " "
    return "".join(chars)


def _paragraphs(data: bytes) -> tuple[list[tuple[str, bool, bool, list, int]],
                                      list[tuple[int, str]]]:
    """Each paragraph's text, whether it stands apart from the running text (in a table
    cell or a text box), whether it is a heading by its outline level, and where in its
    text content controls show their placeholder text, and the length of its number as Word
    shows it (see ``_line``): the body's paragraphs, then those of its text boxes and notes;
    and where each text box and note starts among them (the
    index of its first paragraph) with its name, 文本框1, 脚注1, 尾注1."""
    if not data:
        # Word saves even an empty document as a zip of its parts: an empty file is a copy
        # or a download that failed, or Explorer's New > Word Document never opened in Word,
        # and passing it as clean would hide that
        raise ReadError("not a .docx file: the file is empty (0 bytes); a .docx is a zip "
                        "archive, and Word saves even an empty document as one")
    if data.startswith(_OLE):
        raise ReadError("not a .docx file: this is an old binary Word (.doc) or an encrypted "
                        "document; save it as .docx (Word 2007 or later) without a password")
    if not data.startswith(b"PK"):
        raise ReadError("not a .docx file (a .docx is a zip archive; this file is not one)")
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    from .docx_numbering import Numbering

    try:
        _check_package(data)
        document = _open(io.BytesIO(_without_dangling_relationships(data)))
        body = document.element.body
        numbering = Numbering(_part(document, RT.NUMBERING), _part(document, RT.STYLES))
        heading = numbering.is_heading
        label = _unnumbered if numbering.empty else numbering.label
        shown = _showing_placeholders(body)
        paragraphs = list(_blocks(body))
        fields = _Fields()
        lines = _accepted([_line(p, label, shown, in_table, heading(p), fields)
                           for p, in_table in paragraphs], [p for p, _ in paragraphs])
        stories: list[tuple[int, str]] = []
        # a text box, the footnotes and the endnotes are stories of their own: Word numbers
        # their lists apart from the body's, each from its start
        for number, box in enumerate(_text_boxes(body), 1):
            numbering.restart()
            stories.append((len(lines), f"文本框{number}"))
            fields = _Fields()
            lines += [_line(p, label, shown, True, False, fields) for p, _ in _blocks(box)]
        for notes, name in ((_part(document, RT.FOOTNOTES), "脚注"),
                            (_part(document, RT.ENDNOTES), "尾注")):
            if notes is not None:
                numbering.restart()
                shown = _showing_placeholders(notes)
                for number, note in enumerate(_notes(notes), 1):
                    stories.append((len(lines), f"{name}{number}"))
                    fields = _Fields()
                    lines += [_line(p, label, shown, True, False, fields)
                              for p, _ in _blocks(note)]
        return lines, stories
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ReadError(f"corrupt .docx file: {_reason(exc)}") from None
    except Exception as exc:  # python-docx and lxml raise many kinds on broken packages
        raise ReadError(f"cannot read .docx file: {_reason(exc)}") from None
    finally:
        # python-docx's package and its parts refer to each other, and that cycle keeps
        # every part's XML tree (~5 MB for a new Word file) until the garbage collector
        # runs, which the gwlint command does rarely (lint/entry.py): collect it now
        document = body = numbering = None
        gc.collect(1)


#: the most a .docx may unpack to: its XML (a 100,000-paragraph report's is ~20 MB; parsed,
#: it takes several times that in memory), and all its parts (Word's own limit is 512 MB).
#: python-docx unpacks every part into memory, so a 1 MB zip bomb whose document.xml
#: unpacks to 1 GB took 2.1 GB before it was refused.
MAX_XML_BYTES = 256 * 2**20
MAX_UNPACKED_BYTES = 1024 * 2**20


def _check_package(data: bytes) -> None:
    """ReadError for a zip that is no Word package (encrypted by a zip tool, an OpenDocument
    file renamed), or whose parts say they unpack to more than the limits (zipfile reads no
    more than a part says it holds, and checks its CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
        if any(p.flag_bits & 0x1 for p in parts):  # (Word encrypts as an OLE file, not so)
            raise ReadError("encrypted (password-protected) .docx file; save it without a "
                            "password")
        if not any(p.filename == "[Content_Types].xml" for p in parts):
            raise ReadError(_not_a_package(package))
        relationships = next((p for p in parts if p.filename == "_rels/.rels"), None)
        strict = (relationships is not None and relationships.file_size < 2**20
                  and _STRICT in package.read(relationships))
    xml = sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels")))
    total = sum(p.file_size for p in parts)
    if xml > MAX_XML_BYTES or total > MAX_UNPACKED_BYTES:
        raise ReadError(f"cannot read .docx file: it unpacks to {total / 2**20:,.0f} MB "
                        f"({xml / 2**20:,.0f} MB of XML); gwlint reads at most "
                        f"{MAX_UNPACKED_BYTES // 2**20:,} MB ({MAX_XML_BYTES // 2**20} MB of "
                        "XML), far more than any report")
    if strict:
        raise ReadError("cannot read .docx file: it is saved as Strict Open XML Document, "
                        "which python-docx does not read; save it in Word as Word Document "
                        "(*.docx)")


def _not_a_package(archive: zipfile.ZipFile) -> str:
    """Why a zip without ``[Content_Types].xml`` (which every Word document has) is no
    .docx: an OpenDocument file (LibreOffice, WPS) says what it is in its ``mimetype``."""
    try:
        with archive.open("mimetype") as member:
            kind = member.read(100).decode("ascii").strip()
    except (KeyError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        kind = ""
    if kind.startswith("application/vnd.oasis.opendocument."):
        return (f"not a .docx file: this is an OpenDocument file ({kind}); save it as Word "
                "Document (*.docx)")
    return ("not a .docx file: a zip archive without [Content_Types].xml, which every Word "
            "document has")


def _without_dangling_relationships(data: bytes) -> bytes:
    """``data``, or a copy of the package without the relationships whose target part is
    not in it: an image's ``Target="NULL"`` that an add-in left, a hyperlink to
    ``#_top`` written without ``TargetMode="External"``. Word opens such files, and
    python-docx, which loads every part a relationship names, refused them ("There is no
    item named 'word/NULL' in the archive"; python-docx issues 678, 797, 1351). None of
    those parts is text the reader reads; a missing main document part is a ReadError."""
    from docx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import parse_xml
    from docx.opc.packuri import PackURI
    from lxml import etree

    repaired: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        for name in names:
            # the relationships of part D/N are in D/_rels/N.rels
            folder, _, file = name.rpartition("_rels/")
            if not file.endswith(".rels") or folder and not folder.endswith("/"):
                continue
            try:
                relationships = parse_xml(package.read(name))
            except etree.XMLSyntaxError:  # (python-docx says what is wrong, if it reads it)
                continue
            base = "/" + folder.rstrip("/")
            dangling = [rel for rel in getattr(relationships, "Relationship_lst", ())
                        if rel.target_mode != RTM.EXTERNAL and rel.target_ref is not None
                        and PackURI.from_rel_ref(base, rel.target_ref).membername not in names]
            for rel in dangling:
                if name == "_rels/.rels" and rel.reltype == RT.OFFICE_DOCUMENT:
                    missing = PackURI.from_rel_ref(base, rel.target_ref).membername
                    raise ReadError(f"corrupt .docx file: its main document part ({missing}) "
                                    "is missing")
                relationships.remove(rel)
            if dangling:
                repaired[name] = etree.tostring(relationships, xml_declaration=True,
                                                encoding="UTF-8", standalone=True)
        if not repaired:
            return data
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w") as target:  # (stored: read once, not compressed)
            for item in package.infolist():
                target.writestr(item, repaired.get(item.filename) or package.read(item),
                                compress_type=zipfile.ZIP_STORED)
    return copy.getvalue()


#: the main parts of a template (.dotx) and of macro-enabled documents and templates (.docm,
#: .dotm): the same WordprocessingML as a .docx's, and drafts made from a template are often
#: the template itself saved under a .docx name
_MAIN_PARTS = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _open(stream):
    """python-docx's Document(), which refuses every main part but a .docx's ("file
    '<_io.BytesIO object at 0x…>' is not a Word file"): a .dotx, .docm or .dotm named .docx
    is read as Word reads its text."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.package import OpcPackage
    from docx.opc.part import PartFactory
    from docx.parts.document import DocumentPart

    for content_type in _MAIN_PARTS:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    part = OpcPackage.open(stream).main_document_part
    if part.content_type not in (CT.WML_DOCUMENT_MAIN, *_MAIN_PARTS):
        raise ValueError(f"not a Word document: its main part is {part.content_type}")
    return part.document


def _part(document, relationship: str):
    """The XML of a part the document refers to (its numbering, styles, footnotes), or
    None; python-docx parses some parts, the others (footnotes) are read here."""
    try:
        part = document.part.part_related_by(relationship)
    except KeyError:
        return None
    element = getattr(part, "element", None)
    if element is None:
        from docx.oxml import parse_xml

        element = parse_xml(part.blob)
    return element


# -- WordprocessingML, read with lxml: python-docx's ``Paragraph.text`` reads only the runs
# directly in a paragraph and in hyperlinks, and is most of the reading time
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _R, _T, _TBL = _W + "p", _W + "r", _W + "t", _W + "tbl"
_TXBX, _FALLBACK = _W + "txbxContent", _MC + "Fallback"
#: what holds paragraphs in a body or a cell: tables, rows and cells, and the content
#: controls and custom XML Word wraps around paragraphs, rows and cells
_BLOCK_HOLDERS = frozenset(_W + tag for tag in (
    "tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
#: not visible text of a paragraph: properties (w:pPr holds tab stops, also w:tab), text a
#: tracked change deleted or moved away, a content control's and custom XML's settings, the
#: pronunciation over ruby text; and mc:Fallback, the copy of mc:Choice for older readers
_HIDDEN = frozenset([_W + tag for tag in (
    "pPr", "rPr", "del", "moveFrom", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr", "rt")]
    + [_FALLBACK])
#: what a run's content elements read as: a break (w:br: a line break, Shift+Enter, or a
#: page or column break; w:cr) starts a line, as the text after it does in Word; what is not
#: listed is not text: field codes (w:instrText), deleted text (w:delText), footnote and
#: endnote reference marks, drawings and text boxes (w:drawing, w:pict)
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n",
             _W + "noBreakHyphen": "-"}
_RPR, _SYM, _RUBY = _W + "rPr", _W + "sym", _W + "ruby"
_VANISH = _W + "vanish"
_SDT, _SDT_PR, _SHOWING_PLACEHOLDER = _W + "sdt", _W + "sdtPr", _W + "showingPlcHdr"
_PPR, _DEL = _W + "pPr", _W + "del"
_CHECKBOX = "{http://schemas.microsoft.com/office/word/2010/wordml}checkbox"
_FLD_CHAR, _FLD_CHAR_TYPE = _W + "fldChar", _W + "fldCharType"
_SYM_CHAR, _VAL = _W + "char", _W + "val"


def _blocks(element, in_table: bool = False):
    """The ``w:p`` elements of a body or a cell, in document order, each with whether it is
    in a table cell: also those inside tables (rows top to bottom, cells left to right,
    nested tables) and block-level content controls, but not a text box's, which is inside
    a run."""
    for child in element:
        tag = child.tag
        if tag == _P:
            yield child, in_table
        elif tag in _BLOCK_HOLDERS:
            yield from _blocks(child, in_table or tag == _TBL)


def _unnumbered(paragraph) -> str:
    return ""


def _line(paragraph, label, shown: frozenset | None, in_table: bool, heading: bool,
          fields: _Fields | None = None):
    """A paragraph as ``_paragraphs`` gives it: its number as Word shows it and its text,
    with where content controls show their placeholder text (all of it, in a content control
    around the paragraph), and the number's length; ``shown``: see
    ``_showing_placeholders``; ``fields``: the story's open fields (see ``_run``)."""
    number = label(paragraph)
    if shown is None:
        return number + _text(paragraph, None, fields), in_table, heading, (), len(number)
    marks: list[tuple[int, int]] = []
    text = number + _text(paragraph, marks, fields)
    if paragraph in shown:
        marks = [(len(number), len(text))] if len(text) > len(number) else []
    else:
        marks = [(start + len(number), end + len(number)) for start, end in marks]
    return text, in_table, heading, marks, len(number)


def _accepted(lines: list, paragraphs: list) -> list:
    """``lines`` with each paragraph whose mark a tracked change deleted joined to the next,
    as accepting the change joins them (各单位要高度重视， / 认真抓好落实 was a broken
    line); the joined text is the next paragraph's line, which keeps the paragraph's
    properties as Word does, and the paragraph's own line stays, empty, so that the lines
    keep their paragraph numbers (a paragraph deleted whole is an empty line, as before).
    Not across the end of a table cell, which Word keeps."""
    for index in range(len(lines) - 1):
        paragraph = paragraphs[index]
        properties = paragraph.find(_PPR)
        mark = None if properties is None else properties.find(_RPR)
        if (mark is None or mark.find(_DEL) is None
                or paragraph.getparent() is not paragraphs[index + 1].getparent()):
            continue
        text, in_table, _, marks, number = lines[index]
        after, after_table, heading, after_marks, after_number = lines[index + 1]
        # (the next paragraph's number, which Word shows, comes first)
        own = text[number:]
        lines[index + 1] = (after[:after_number] + own + after[after_number:], after_table,
                            heading,
                            [*((start - number + after_number, end - number + after_number)
                               for start, end in marks),
                             *((start + len(own), end + len(own)) if start >= after_number
                               else (start, end) for start, end in after_marks)],
                            after_number)
        lines[index] = ("", in_table, False, (), 0)
    return lines


def _showing_placeholders(story) -> frozenset | None:
    """The paragraphs inside content controls of ``story`` (a body, with its text boxes, or
    a notes part) that show their placeholder text, Word's 单击或点击此处输入文字。 or a
    template's own prompt (请输入发文机关), shown until someone types in the control; None
    when no content control does, as in most documents, and the paragraphs' runs are then
    not looked at for controls inside them."""
    found = [sdt for sdt in story.iter(_SDT) if _shows_placeholder(sdt)]
    if not found:
        return None
    # (its paragraphs, not those of a text box anchored in one of them)
    return frozenset(p for sdt in found for p, _ in _blocks(sdt))


def _shows_placeholder(sdt) -> bool:
    props = sdt.find(_SDT_PR)
    flag = None if props is None else props.find(_SHOWING_PLACEHOLDER)
    return flag is not None and flag.get(_VAL) not in ("0", "false", "off")


def _text_boxes(body):
    """The text boxes anchored in the body (their ``w:txbxContent``), in document order (a
    text box in a text box after it), each read once: Word saves a text box twice, as a
    drawing (``mc:Choice``) and as VML for older readers (``mc:Fallback``); a VML-only box
    (older Word, WPS) is read as it is."""
    for box in body.iter(_TXBX):
        if not any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors()):
            yield box


def _notes(notes):
    """The footnotes (or endnotes) in their part's order, which is the order of their marks
    in the text and so of the numbers Word shows; not the separator lines Word keeps there
    as notes too."""
    for note in notes:
        if note.get(_W + "type") in (None, "normal"):
            yield note


class _Fields(list):
    """The complex fields open where a story has been read to (see ``_run``): a field's code
    may run over several paragraphs (a mail merge's IF with a paragraph in its argument).
    One still in its code after CODE_PARAGRAPHS paragraphs is taken for a field Word never
    ended, and dropped: a damaged file must not hide the rest of its text."""

    in_code = 0  # paragraphs begun inside a field's code


#: how many paragraphs a field's code may span
CODE_PARAGRAPHS = 20


def _text(paragraph, marks: list[tuple[int, int]] | None = None,
          fields: _Fields | None = None) -> str:
    """A paragraph's visible text, in document order: its runs wherever Word nests them
    (tracked insertions and moves, content controls, hyperlinks, smart tags, custom XML,
    simple fields), without deleted text. A writer sees the text of a content control or a
    tracked insertion on the page, and a defect in it is a defect of the document. With
    ``marks``, where content controls in the paragraph show their placeholder text is
    added to it, as (start, end) in the text."""
    parts: list[str] = []
    if fields is None:
        fields = _Fields()
    elif fields and not all(fields):
        fields.in_code += 1
        if fields.in_code > CODE_PARAGRAPHS:
            fields.clear()
            fields.in_code = 0
    else:
        fields.in_code = 0
    _collect(paragraph, parts, fields, marks)
    return "".join(parts)


def _collect(element, parts: list[str], fields: list[bool],
             marks: list[tuple[int, int]] | None = None) -> None:
    for child in element:
        tag = child.tag
        if tag == _R:
            _run(child, parts, fields)
        elif tag not in _HIDDEN and isinstance(tag, str):  # not a comment or a PI
            if tag == _SDT:
                props = child.find(_SDT_PR)
                if props is not None and props.find(_CHECKBOX) is not None:
                    # a check box's glyph (☐ □ ☒) is an answer, not text: one masked column
                    parts.append("\v")
                    continue
                if marks is not None and _shows_placeholder(child):
                    start = sum(map(len, parts))
                    _collect(child, parts, fields)
                    end = sum(map(len, parts))
                    if end > start:
                        marks.append((start, end))
                    continue
            _collect(child, parts, fields, marks)


def _run(run, parts: list[str], fields: list[bool]) -> None:
    """A run's text. ``fields``: the complex fields the run is inside, innermost last, each
    True once its code is over and its result shown; text in a field's code (another
    field's result nested in it, as in mail merge's { IF { MERGEFIELD 职务 } … }) is not
    on the page, only the outermost field's result is."""
    hidden = False
    shown = not fields or all(fields)
    for child in run:
        tag = child.tag
        if tag == _FLD_CHAR:
            kind = child.get(_FLD_CHAR_TYPE)
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
            shown = not hidden and all(fields)
        elif not shown:
            continue
        elif tag == _T:
            if child.text:
                # (a line feed in the text is no line break to Word: a masked space)
                parts.append(child.text.replace("\n", "\v") if "\n" in child.text
                             else child.text)
        elif tag == _RPR:
            vanish = child.find(_VANISH)
            if vanish is not None and vanish.get(_VAL) not in ("0", "false", "off"):
                # hidden text (Font > Hidden) is not on the page (its field marks count)
                hidden, shown = True, False
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
        elif tag == _SYM:
            parts.append(_symbol(child.get(_SYM_CHAR)))
        elif tag == _RUBY:  # the base text; the guide above it (w:rt) is not read
            _collect(child, parts, fields)


def _symbol(code: str | None) -> str:
    """The character of Insert > Symbol from a symbol font: Word stores Symbol's and
    Wingdings' glyphs at U+F000-U+F0FF, which mean nothing as text; they read as a masked
    space (one column wide, never a finding), other code points as themselves."""
    try:
        point = int(code or "", 16)
    except ValueError:
        return "\v"
    if (0xF000 <= point <= 0xF0FF or point < 0x20 or 0xD800 <= point <= 0xDFFF
            or point > 0x10FFFF):  # a malformed code: one column, as the others
        return "\v"
    return chr(point)


def _reason(exc: Exception) -> str:
    # a KeyError's str() is its key's repr: the message inside the quotes; any other
    # message is kept whole ("'lxml.etree._Element' object has no attribute 'overrides'")
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        text = exc.args[0].strip()
    else:
        text = str(exc).strip()
    return text or type(exc).__name__
