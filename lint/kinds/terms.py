"""``terms``: a word list of wrong -> right forms, in prh's dictionary format.

Options:
  dictionary  a prh.yml file (or a list of them), relative to the rule pack
  terms       prh rules written inline in the pack (same shape as a dictionary's ``rules``)
  traditional also check documents written in traditional characters, down to a note of one
              sentence (default true; script.simplified_form decides): the
              dictionary is matched against the document's OpenCC t2s form (same length, so
              positions line up) and the fix is written back in traditional characters;
              then against the document as written, for words a dictionary writes in
              traditional characters
  ignore      a regex for text read as if it were not there (converter pinyin: a word
              split by it, 黨內(nèi)政治生活, is found; the fix replaces the whole span)
  skip_in     Markdown that is not checked: a list of ``blockquote``, ``emphasis``
              (``*…*``), ``strong`` (``**…**``), ``strikethrough``, ``link`` (a link's text),
              ``heading``, ``commonmark-emphasis`` (``*…*`` as plain CommonMark reads it,
              textlint among them, where ``*加强领导。*正文`` is none) (default none; a
              .textlintrc's prh gets textlint-rule-prh's defaults: link, blockquote and
              commonmark-emphasis)

The message may use ``{actual}``, ``{expected}`` and ``{note}`` (the rule's ``prh:`` text), or
``{suffix}``: the note as textlint-rule-prh appends it, a line break and the note, or
nothing (a .textlintrc's prh rule says ``{actual} => {expected}{suffix}``, as textlint does).
Without either, a note is appended in brackets.
Every finding is fixable: the match is replaced with ``expected``.

Plain-string patterns of all rules are matched in one pass with Aho-Corasick; regex
patterns run one by one. prh's rules for choosing among overlapping matches apply.

The pass is ahocorasick_rs (Rust's aho-corasick crate), which stays fast for a user's
dictionary of thousands of words (5,000 words: ~25 ms on the 5 MB bench corpus, where
pyahocorasick took 0.4 s). Most documents hold no wrong form at all: a list of up to
GATE_MAX words is given to the census of the prefilters (lint.kinds.prefilter.Census, one
automaton for every string the preset asks about, run over each document anyway), and the
pass runs only where it found one; a longer list would slow the census for every rule, and
the pass runs alone.
"""

from __future__ import annotations

from pathlib import Path

import regex
from ahocorasick_rs import AhoCorasick

from .. import regexcache
from ..document import merge_spans, overlaps
from ..finding import Fix
from ..prh import PrhRule, compile_rule, load_dictionary, resolve_overlaps
from ..rulepack import RuleError
from . import Kind, excise, unexcised
from .prefilter import CENSUS, Prefilter, analysis, counted

DEFAULT_MESSAGE = "“{actual}”应为“{expected}”"
_INNER_QUOTES = str.maketrans("“”", "‘’")
#: the most wrong forms given to the census before the Aho-Corasick pass
GATE_MAX = 128


#: a quoted word a correction names, not uses: “布署”更正为“部署”, 将“部署”误写为“布署”
#: (in either script: 「其它」應為「其他」)
_CORRECTED_AFTER = regexcache.compile(
    r"[”’」』][ \t]*(?:[应應]?(?:更正|改正|修改|[订訂]正|[纠糾]正|[调調]整|改)?[为為]|[应應]?改成|"
    r"[应應]作|有[误誤]|[系係]笔[误誤]|(?:是|[为為]|[系係])?[错錯][别別]?字)")
_CORRECTED_BEFORE = regexcache.compile(
    r"(?:[误誤][写寫]?[为為成作]|[错錯][写寫][为為成]|[写寫]成了?)[ \t]*[“‘「『]$")
_OPENING = "“‘「『"
_CLOSING = {"“": "”", "‘": "’", "「": "」", "『": "』"}


def _mentioned(text: str, start: int, end: int) -> bool:
    """Whether the wrong form ``text[start:end]`` is a whole quotation that a correction
    names (更正通知, 勘误: “布署”更正为“部署”, 将“部署”误写为“布署”): --fix made both
    quotations 部署."""
    if start == 0 or text[start - 1] not in _OPENING or text[end:end + 1] != _CLOSING[
            text[start - 1]]:
        return False
    return (_CORRECTED_AFTER.match(text, end, end + 12) is not None
            or _CORRECTED_BEFORE.search(text, max(0, start - 8), start) is not None)


class TermsKind(Kind):
    message_fields = frozenset({"actual", "expected", "note", "suffix"})
    options = {"dictionary": None, "terms": None, "traditional": True, "skip_in": [],
               "ignore": None}
    fixable = True
    #: what ``skip_in`` may name: the Markdown reader's ``doc.meta["node_spans"]``
    NODE_KINDS = ("blockquote", "emphasis", "strong", "strikethrough", "link", "heading",
                  "commonmark-emphasis")

    def setup(self) -> None:
        rule = self.rule
        prh_rules: list[PrhRule] = []
        dictionaries = self.opts["dictionary"]
        if isinstance(dictionaries, str):
            dictionaries = [dictionaries]
        if dictionaries is not None and not (
                isinstance(dictionaries, list) and all(isinstance(d, str) and d
                                                       for d in dictionaries)):
            raise rule.error("'dictionary' must be a prh.yml file or a list of them",
                             "dictionary")
        for name in dictionaries or []:
            base = rule.base_of("dictionary")
            path = Path(name) if Path(name).is_absolute() or base is None else base.joinpath(name)
            try:
                prh_rules += load_dictionary(path)
            except RuleError as exc:  # named where the rule names it, not as line 1 of nothing
                if exc.path == str(path) and exc.message == "prh dictionary not found":
                    raise rule.error(f"dictionary {name!r} not found ({path})",
                                     "dictionary") from None
                raise
        inline = self.opts["terms"]
        if inline is not None:
            if not isinstance(inline, list):
                raise rule.error("'terms' must be a list of prh rules", "terms")
            source, at = rule.where("terms")
            lines = getattr(inline, "item_lines", [at] * len(inline))
            for raw, line in zip(inline, lines, strict=True):
                compiled = compile_rule(raw, source, line)
                if compiled is not None:
                    prh_rules.append(compiled)
        if dictionaries is None and inline is None:
            raise rule.error("needs 'dictionary' (a prh.yml file) or inline 'terms'",
                             "dictionary" if "dictionary" in rule.options else None)
        skip_in = self.opts["skip_in"]
        if not isinstance(skip_in, list) or any(k not in self.NODE_KINDS for k in skip_in):
            raise rule.error("'skip_in' must be a list of Markdown parts: "
                             f"{', '.join(self.NODE_KINDS)}", "skip_in")
        self.skip_in = tuple(skip_in)
        self.ignore_option()
        self.prh_rules = prh_rules
        self.regex_rules = [r for r in prh_rules
                            if r.source_regex is not None and r.literals is None]
        literal_rules = [r for r in prh_rules if r.literals]
        wrong = {w for r in literal_rules for w in r.literals if w != r.expected}
        self.automaton = None  # (none where every literal rule lists only its expected word)
        if wrong:
            owners: dict[str, list] = {}  # word -> (rule, alternative) of each rule listing it
            for index, r in enumerate(literal_rules):
                for alt, word in enumerate(r.literals):
                    owners.setdefault(word, []).append((index, alt))
            self.automaton = AhoCorasick(list(owners))
            self.owners = list(owners.values())
            self.literal_rules = literal_rules
        # A literal rule can only fire where one of its wrong forms occurs, and most documents
        # have none: a short list is counted by the census (the module's docstring)
        short = 0 < len(wrong) <= GATE_MAX and all(map(counted, wrong))
        self._wrong = frozenset(wrong) if short else None
        if short:
            CENSUS.add(self._wrong)
        self._regex_prefilters = []
        for r in self.regex_rules:  # the analysis is cached across runs, as for patterns
            found = analysis(r.source_regex, bool(r.flags & regex.IGNORECASE))
            self._regex_prefilters.append(Prefilter(found.requirements if found else None))

    def check(self, doc):
        original = doc.prose
        simplified = None
        if self.opts["traditional"]:
            from .script import simplified_form

            simplified = simplified_form(doc)
        hits: list[tuple] = []
        spans = self._ignored(doc)
        if spans:  # searched without them; the hits are mapped back below
            search, offsets = excise(original, spans)
            search_simplified = None if simplified is None else excise(simplified, spans)[0]
            present, probed = CENSUS.of(search), {}
        else:
            search, offsets, search_simplified = original, [], simplified
            present, probed = CENSUS.of_document(doc), doc.memo("probes", dict)
        # a traditional document is searched in its simplified form (the dictionary's words
        # are simplified; the fix is converted back), then as written, for the words a
        # dictionary writes in traditional characters (貴司 -> 貴公司); where both find the
        # same word, the first (converted back) is kept
        budget: dict = {}  # each regex's time on this document, both texts together
        if search_simplified is not None:
            hits += self._hits(search_simplified, CENSUS.of(search_simplified), {}, True, budget)
        hits += self._hits(search, present, probed, False, budget)
        if offsets:
            hits = [(*unexcised(offsets, start, end), *rest) for start, end, *rest in hits]
        skipped = self._skipped_spans(doc) if self.skip_in and hits else None
        for start, end, new, r, converted in resolve_overlaps(hits):
            # (a word partly in a part it skips is skipped too: textlint's prh matches in
            # one text node, and never sees 四*种*意识 whole)
            if skipped and overlaps(skipped, start, end):
                continue
            if _mentioned(original, start, end):
                continue
            actual = original[start:end]
            if converted:  # (in the document's own forms: 為 where it writes 為, not 爲)
                from .script import convert_word, form_in_use

                new = form_in_use(original, convert_word("s2t", new))
                if new == actual:
                    continue
            template = self.rule.message or DEFAULT_MESSAGE
            # a form with quotes of its own (“十四五”) inside the message's quotes takes
            # single ones there, as GB/T 15834 nests them: “十四五”应为“‘十四五’”
            shown = new.translate(_INNER_QUOTES) if "“{expected}”" in template else new
            message = self.message(DEFAULT_MESSAGE, actual=actual, expected=shown, note=r.note,
                                   suffix=f"\n{r.note}" if r.note else "")
            if r.note and "{note}" not in template and "{suffix}" not in template:
                message += f"（{r.note}）"
            yield self.finding(start, end, message, Fix(start, end, new))

    def _ignored(self, doc) -> list[tuple[int, int]]:
        """The spans of the prose that ``ignore`` takes out ([] for most documents, which
        lack the strings every such span holds)."""
        if not self.may_hold_ignored(doc):
            return []
        return [m.span() for m in self.finditer(self.ignore, doc.prose)]

    def _hits(self, text: str, present, probed: dict, converted: bool, budget: dict
              ) -> list[tuple]:
        """(start, end, expected, rule, ``converted``) of the wrong forms in ``text``; the
        regexes (a user's dictionary may hold a catastrophic one) under the rule's time
        limit, charged to ``budget`` (Kind.finditer)."""
        hits: list[tuple] = []
        if self.automaton is not None and (self._wrong is None
                                           or not self._wrong.isdisjoint(present)):
            hits += [(*hit, converted) for hit in self._literal_hits(text)]

        def scan(compiled, text):
            return self.finditer(compiled, text, budget=budget)

        for r, prefilter in zip(self.regex_rules, self._regex_prefilters, strict=True):
            if not prefilter.passes(text, present, probed):
                continue
            for start, end, new in r.matches(text, scan):
                hits.append((start, end, new, r, converted))
        return hits

    def _skipped_spans(self, doc) -> tuple[list[int], list[int]] | None:
        """The starts and ends, merged and sorted, of the Markdown parts ``skip_in`` names."""
        found = doc.meta.get("node_spans")
        if not found:
            return None
        spans = []
        for kind in self.skip_in:
            if kind == "commonmark-emphasis":  # parsed again, only where a term was found
                spans += doc.memo(kind, lambda: _commonmark_emphasis(doc))
            else:
                spans += found.get(kind, ())
        merged = merge_spans(spans)
        return [s for s, _ in merged], [e for _, e in merged]

    def warm(self) -> None:
        if self.ignore is not None:
            self.ignore.compiled  # noqa: B018 - compiles and keeps it
        for r in self.regex_rules:
            r.compiled  # noqa: B018 - compiles and keeps it

    def _literal_hits(self, text: str) -> list[tuple]:
        # best alternative per (rule, start): prh's alternation takes the first listed one
        best: dict[int, dict[int, int]] = {}
        for word, start, _end in self.automaton.find_matches_as_indexes(text, overlapping=True):
            for index, alt in self.owners[word]:
                starts = best.setdefault(index, {})
                if alt < starts.get(start, 1 << 30):
                    starts[start] = alt
        hits = []
        for index, starts in best.items():
            r = self.literal_rules[index]
            last_end = -1
            for start in sorted(starts):
                if start < last_end:
                    continue
                word = r.literals[starts[start]]
                end = start + len(word)
                last_end = end
                if word != r.expected:
                    hits.append((start, end, r.expected, r))
        return hits


def _commonmark_emphasis(doc) -> list[tuple[int, int]]:
    """Where plain CommonMark puts emphasis in ``doc``: parsed from the Markdown source,
    whose marks the rules' view of it no longer has (lint.document.InlineView)."""
    from ..readers.markdown import commonmark_emphasis

    view = doc.meta.get("inline_view")
    if view is None:
        return commonmark_emphasis(doc.text)
    return view.spans_to_view(commonmark_emphasis(view.source.text))
