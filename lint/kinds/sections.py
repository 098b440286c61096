"""``sections``: a document of a given type must have certain sections, in order.

A reviewer's first question about a 报告 is whether it says what was done, what went
wrong and what comes next. Which sections a type needs, and how offices name them, differs
from office to office, so all of it is data: templates chosen by the title, each a list of
groups of heading patterns. A new template is a YAML file (see rules/templates/).

Options:
  templates  list of templates; the first whose ``title`` pattern matches the document's
             title applies (a document without a title, or whose title matches none, is
             not checked):
               name:   the document type, used in messages
               title:  regex matched against the title
               unless: regex, or a list of them; titles matching one are not this type
               groups: list, in the required order, of
                 name:          what the section is, used in messages (缺少“{group}”部分)
                 headings:      regexes matched against heading titles (levels up to
                                ``max_level``) and label lines (``存在不足：``)
                 headings_after: the same, for names that are this group's only after
                                the group before it (二、整改措施 after the problems is
                                the next steps; before them, the work done): such a
                                heading found earlier is neither reported as this
                                group out of place nor taken for it
                 text:          regexes matched against body lines (a section some
                                reports write as a paragraph, not a heading)
                 first_section: true = when nothing names this group, the first top-level
                                section before the next group counts as it
  title_end  regex: what may follow the words a ``title`` pattern matched, up to the title's
             end (the 文种 is a title's last word: a draft's mark, （征求意见稿）, may follow
             it). Unset (the default): a ``title`` pattern may match anywhere in the title
  max_level  deepest heading level searched (default 2)
  skip_headingless
             true = a document with no heading (up to ``max_level``) and no label line is
             not checked: a short 报告 that 报送s an attachment or reports one incident is
             one body, not a work report whose sections went missing (required-sections
             says so). Default false: such a document is checked too, its ``text`` groups
             found in its body and its ``headings`` groups reported missing (a one-body
             请示 without 妥否，请批示).

A document written in traditional characters is matched as written and in its OpenCC t2s
form (script.simplified_form): patterns written in simplified characters find 政府工作報告
and 存在的問題, and an office's own patterns in traditional characters still match.

The message may use ``{group}``, ``{template}`` and ``{detail}``. A missing group is
reported on the title; a group found only before the one it must follow is reported on
the heading that names it. One heading may stand for two groups in a row when it joins
their names (二、存在问题及下一步打算); a heading that stood for one group does not count as
another's out of place (一、主要工作措施 names the work done, though 措施 may name the next
steps): that group is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from .. import regexcache
from . import Kind, line_of, lines_of

BODY_ROLES = ("body", "heading")
#: what joins two sections' names in one heading: 存在问题及下一步打算, 问题与建议
_JOINED = regexcache.compile(r"及|和|与|與|以及|暨|并|並|、")


@dataclass
class _Group:
    """A required section: the patterns that name it."""

    name: str
    headings: list[regex.Pattern] = field(default_factory=list)
    headings_after: list[regex.Pattern] = field(default_factory=list)
    text: list[regex.Pattern] = field(default_factory=list)
    first_section: bool = False


@dataclass
class _Template:
    """A document type: the titles it applies to and its sections in order."""

    name: str
    title: regex.Pattern
    unless: list[regex.Pattern]
    groups: list[_Group]


@dataclass(frozen=True)
class _Hit:
    """A heading or label line that may name a section."""

    line: int  # line number: order in the document
    start: int
    end: int
    words: int = -1  # where its words start (a heading's after its number); -1: at start
    only_after: bool = False  # named by ``headings_after`` only: counts after the group before


class SectionsKind(Kind):
    message_fields = frozenset({"detail", "group", "template"})
    options = {"templates": None, "max_level": 2, "skip_headingless": False, "title_end": None}

    def setup(self) -> None:
        raw = self.opts["templates"]
        if not raw or not isinstance(raw, list):
            raise self.rule.error("needs 'templates': a list of {name, title, groups}", "templates")
        max_level = self.opts["max_level"]
        if max_level not in (1, 2, 3, 4):
            raise self.rule.error("'max_level' must be a heading level 1-4", "max_level")
        self.max_level = max_level
        end = self.opts["title_end"]
        self.title_end = None if end is None else self.compile(end, "title_end")
        self.templates = [self._template(t) for t in raw]

    def _template(self, raw) -> _Template:
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("title"):
            raise self.rule.error("each template needs 'name', 'title' and 'groups'", "templates")
        unknown = set(raw) - {"name", "title", "unless", "groups"}
        if unknown:
            raise self.rule.error(f"unknown template key {sorted(unknown)[0]!r}", "templates")
        groups = raw.get("groups")
        if not groups or not isinstance(groups, list):
            raise self.rule.error(f"template {raw['name']!r} needs 'groups'", "templates")
        unless = raw.get("unless") or []
        if isinstance(unless, str):
            unless = [unless]
        if not isinstance(unless, list):
            raise self.rule.error(f"'unless' of template {raw['name']!r} must be a regex or a "
                                  "list of them", "templates")
        return _Template(
            str(raw["name"]),
            self.compile(str(raw["title"]), "templates", line=line_of(raw, "title")),
            [self.compile(str(p), "templates", line=at or line_of(raw, "unless"))
             for p, at in zip(unless, lines_of(unless), strict=True)],
            [self._group(g, raw["name"]) for g in groups],
        )

    def _group(self, raw, template: str) -> _Group:
        if not isinstance(raw, dict) or not raw.get("name"):
            raise self.rule.error(f"each group of {template!r} needs a 'name'", "templates")
        unknown = sorted(set(raw) - {"name", "headings", "headings_after", "text",
                                     "first_section"})
        if unknown:
            raise self.rule.error(f"unknown group key {unknown[0]!r} (a group has: name, "
                                  "headings, headings_after, text, first_section)", "templates",
                                  line_of(raw, unknown[0]))
        first = raw.get("first_section", False)
        if not isinstance(first, bool):
            raise self.rule.error(f"'first_section' of group {raw['name']!r} must be true or "
                                  f"false, not {first!r}", "templates",
                                  line_of(raw, "first_section"))
        group = _Group(str(raw["name"]), first_section=first)
        for key in ("headings", "headings_after", "text"):
            patterns = raw.get(key) or []
            if isinstance(patterns, str):
                patterns = [patterns]
            if not isinstance(patterns, list):
                raise self.rule.error(f"'{key}' of group {group.name!r} must be a list",
                                      "templates")
            setattr(group, key, [self.compile(str(p), "templates", line=at or line_of(raw, key))
                                 for p, at in zip(patterns, lines_of(patterns), strict=True)])
        if not group.headings and not group.headings_after and not group.text:
            raise self.rule.error(f"group {group.name!r} needs 'headings' or 'text' patterns",
                                  "templates")
        return group

    # -- checking ---------------------------------------------------------------------
    def check(self, doc):
        structure = doc.structure
        if structure.title is None:
            return
        # a document in traditional characters is read in both scripts: the patterns are
        # written in simplified characters (报告, 问题), or in the office's own script
        from .script import simplified_form

        simplified = simplified_form(doc)
        texts = (doc.prose,) if simplified is None else (doc.prose, simplified)
        titles = [text[structure.title.start:structure.title.end] for text in texts]
        template = next((t for t in self.templates
                         if any(self._names(t, title) for title in titles)
                         and not any(p.search(title) for p in t.unless for title in titles)),
                        None)
        if template is None:
            return
        # searchable spans: heading titles, labels, body lines
        # (the document's own: not its attachments' below the 落款)
        end = structure.parts[0] if structure.parts else len(doc.lines) + 1
        heads: list[_Hit] = [
            _Hit(h.line.number, h.marker_start, h.text_end, h.marker_end)
            for h in structure.headings if h.level <= self.max_level and h.line.number < end
        ] + [_Hit(ln.number, ln.start, ln.end) for ln in structure.labels if ln.number < end]
        if not heads and self.opts["skip_headingless"]:
            return  # one unbroken body (报送 a document, report an incident): no sections
        heads.sort(key=lambda hit: hit.line)
        top_level = min((h.level for h in structure.headings), default=0)
        sections = [_Hit(h.line.number, h.marker_start, h.text_end)
                    for h in structure.headings if h.level == top_level and h.line.number < end]
        found = [self._hits(group, heads, doc, texts) for group in template.groups]

        position = 0
        previous: str | None = None
        claimed: set[int] = set()  # the lines that stood for the groups found so far
        # a missing group is reported on the title's words (a Markdown title's "# " is
        # masked markup, blank in the prose)
        t_start, t_end = doc.unmasked(structure.title.start, structure.title.end)
        for index, group in enumerate(template.groups):
            hits = found[index]
            after = [hit for hit in hits if hit.line > position]
            if after:
                position, previous = after[0].line, group.name
                claimed.add(position)
                continue
            # one heading for two groups in a row, joined: 二、存在问题及下一步打算
            if position in claimed and any(hit.line == position and _JOINED.search(
                    doc.prose, max(hit.start, hit.words), hit.end) for hit in hits):
                previous = group.name
                continue
            if group.first_section:
                later = [hit.line for g in found[index + 1:] for hit in g
                         if hit.line > position and not hit.only_after]
                limit = min(later, default=len(doc.lines) + 1)
                candidate = next((s for s in sections if position < s.line < limit), None)
                if candidate is not None:
                    position, previous = candidate.line, group.name
                    claimed.add(position)
                    continue
            # a heading that stood for an earlier group does not also place this one before
            # it (一、主要工作措施 is the work done, though 措施 may name what comes next),
            # nor does one that names this group only after the group before (二、整改措施)
            hits = [hit for hit in hits if hit.line not in claimed and not hit.only_after]
            if hits:
                first = hits[0]
                detail = f"“{group.name}”部分应在“{previous}”之后"
                yield self.finding(*doc.unmasked(first.start, first.end), self.message(
                    "{detail}", detail=detail, group=group.name, template=template.name))
            else:
                detail = f"缺少“{group.name}”部分"
                yield self.finding(t_start, t_end, self.message(
                    "{detail}", detail=detail, group=group.name, template=template.name))

    def _names(self, template: _Template, title: str) -> bool:
        """Whether ``title`` names ``template``'s type: its pattern matches, followed only by
        what ``title_end`` allows (在……工作总结表彰大会上的讲话 is a speech)."""
        if self.title_end is None:
            return template.title.search(title) is not None
        return any(self.title_end.fullmatch(title, m.end()) is not None
                   for m in template.title.finditer(title))

    def _hits(self, group: _Group, heads: list[_Hit], doc, texts) -> list[_Hit]:
        """The headings and body lines naming ``group`` in any of ``texts`` (the prose, and
        a traditional document's simplified form: same length, same positions)."""
        hits = []
        budget: dict = {}  # each heading pattern's time on this document
        if group.headings or group.headings_after:
            for hit in heads:
                if any(self.search(p, text, budget, hit.start, hit.end) is not None
                       for text in texts for p in group.headings):
                    hits.append(hit)
                elif any(self.search(p, text, budget, hit.start, hit.end) is not None
                         for text in texts for p in group.headings_after):
                    hits.append(replace(hit, only_after=True))
        for pattern in group.text:
            seen: set[int] = set()
            for text in texts:
                for m in self.finditer(pattern, text):
                    line = doc.line_at(m.start())
                    if line.number not in seen and doc.structure.role(line.number) in BODY_ROLES \
                            and not doc.structure.part_of(line.number):
                        seen.add(line.number)
                        hits.append(_Hit(line.number, m.start(), m.end()))
        hits.sort(key=lambda hit: hit.line)
        return hits
