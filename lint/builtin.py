"""gwlint's own kinds, readers, formats and presets, registered through the same hooks a
third-party plugin uses. References are lazy strings: a run imports only what it uses."""

from __future__ import annotations

from .hookspecs import hookimpl


@hookimpl
def gwlint_rule_kinds():
    return {
        "pattern": "lint.kinds.pattern:PatternKind",
        "terms": "lint.kinds.terms:TermsKind",
        "script": "lint.kinds.script:ScriptKind",
        "length": "lint.kinds.length:LengthKind",
        "sections": "lint.kinds.sections:SectionsKind",
        "sequence": "lint.kinds.sequence:SequenceKind",
        "heading-style": "lint.kinds.headings:HeadingStyleKind",
        "heading-end": "lint.kinds.headings:HeadingEndKind",
        "heading-hierarchy": "lint.kinds.headings:HeadingHierarchyKind",
        "pairs": "lint.kinds.pairs:PairsKind",
        "paragraph-end": "lint.kinds.lines:ParagraphEndKind",
        "converter-pinyin": "lint.kinds.pinyin:ConverterPinyinKind",
        "garbled": "lint.kinds.garbled:GarbledKind",
        "numbers": "lint.kinds.numbers:NumbersKind",
    }


@hookimpl
def gwlint_readers():
    return {
        ".txt": "lint.readers.text:read_text",
        ".text": "lint.readers.text:read_text",
        ".md": "lint.readers.markdown:read_markdown",
        ".markdown": "lint.readers.markdown:read_markdown",
        ".docx": "lint.readers.docx:read_docx",
        # a template and macro-enabled documents and templates: the same WordprocessingML
        ".dotx": "lint.readers.docx:read_docx",
        ".docm": "lint.readers.docx:read_docx",
        ".dotm": "lint.readers.docx:read_docx",
    }


@hookimpl
def gwlint_formatters():
    return {
        name: f"lint.formats.{name}:format"
        for name in ("stylish", "json", "compact", "unix", "checkstyle", "junit", "tap",
                     "github", "sarif", "html")
    }


@hookimpl
def gwlint_rule_packs():
    folder = rules_folder()
    return {
        "gongwen": folder.joinpath("gongwen.yaml"),
        # optional document types, written purely in YAML (rules/templates/)
        # one name per joinpath: an installed wheel's namespace package (MultiplexedPath on
        # Python 3.10-3.11) takes no more
        "gov-info-disclosure": folder.joinpath("templates").joinpath("gov-info-disclosure.yaml"),
    }


def rules_folder():
    """The shipped rule packs: package data ``lint.rules`` (the repository's ``rules/``).

    Looked for as a folder first (an installed wheel, or a source tree): importing
    ``importlib.resources`` costs more than a small file's lint; it is the fallback for
    packages that are not plain folders (zip imports)."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "gongwen.yaml").is_file():
            return candidate
    from importlib.resources import files

    return files("lint.rules")
