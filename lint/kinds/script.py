"""``script``: simplified characters in a traditional document, or the reverse.

Why a kind of its own: whether 干 is wrong depends on the document's script (traditional
documents write 幹部) and on the word (乾隆, 干涉 and 范仲淹 are right in both scripts). The
document's script is its majority: the characters OpenCC's ``t2s`` changes are traditional,
those ``s2t`` changes are simplified. The minority is then reported where the phrase-aware
conversion changes it; OpenCC conversions keep the length, so positions line up one for one.

Where the Taiwan and Hong Kong standards disagree (考核/考覈, 群/羣, 峰/峯), a character is no
error in a traditional document: a simplified character is reported only when every
confirming conversion (``s2tw`` and ``s2hk`` by default) changes it too.
The suggestion for it is written in the regional standard the document follows (裡 in a
Taiwan report, where OpenCC's standard form is 裏; see :func:`regional_form`).

Options:
  to_simplified        OpenCC config finding traditional characters (default t2s)
  to_traditional       OpenCC config finding simplified characters (default s2t)
  confirm_simplified   configs that must all agree before a traditional character is reported
                       in a simplified document (default none)
  confirm_traditional  the same for a simplified character in a traditional document
                       (default s2tw, s2hk)
  exceptions           words never reported (place names such as 乾县); an entry written
                       ``/regex/`` is a pattern, and the characters it matches are not
                       reported (the surname 於 in a simplified text: ``於(?=桂兰同志)``)
  ignore               a regex for text to leave out before converting, so that the words
                       around it join up again (converter pinyin: 調(diào)研制度)
  expect               ``any`` (default): a document's script is its majority's; ``simplified``:
                       a document written in traditional characters is itself the mistake
                       (a mainland 公文 must use 规范汉字): one finding at its first
                       traditional character, with ``document_message``, instead of its
                       simplified characters (advice that would make it more traditional)
  document_message     that finding's message; ``{share}`` is the share of its Chinese
                       characters that are traditional (``{script}``, ``{other}`` as below)
  block_message        ``expect: simplified``: the message for a part of a document written
                       in traditional characters (a run of lines, most of whose characters
                       are; under four fifths of the document), said once at its first one;
                       ``{lines}`` is how many lines it runs over

The message may use ``{text}`` (the offending characters), ``{suggestion}``, ``{script}``
(the document's script: 简体/繁体) and ``{other}`` (the script of the offending characters).
"""

from __future__ import annotations

import codecs
import operator
from collections.abc import Iterator
from functools import cache

import regex

from .. import regexcache, yamlload
from ..document import Document
from ..finding import Finding
from . import Kind, excise, lines_of, opencc_flat, split_slashes, unexcised
from .prefilter import CENSUS

_NOT_HAN = regexcache.compile(r"[^\p{Han}]+")


def _han_count(text: str) -> int:
    """The Chinese characters of ``text`` (what is left when the rest is cut out: a
    quarter of the time of finding each one)."""
    return len(_NOT_HAN.sub("", text))


#: ``expect: simplified``: a document longer than a short note with this share of its
#: Chinese characters changed by t2s is written in traditional characters (reports run
#: 25-40%; a simplified report's stray characters, well under 1%); otherwise the majority
#: decides as for ``any`` (学習 is two of eight characters of a one-line note)
TRADITIONAL_SHARE = 0.15

#: OpenCC converters are costly to build (dictionaries) and stateless: one per process.
_CONVERTERS: dict[str, object] = {}

_CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "t2tw", "t2hk", "tw2t", "hk2t", "s2twp",
            "tw2sp", "t2jp", "jp2t")


#: s2tw and s2hk are s2t followed by the regional variant tables (that is what their configs
#: chain). Built as such a chain, the large simplified->traditional phrase table is loaded
#: once instead of three times (~0.15 s per process); the outputs were compared identical
#: on the seeds, the real reports and the benchmark corpus (tests/test_script_gate.py).
_CHAINED = {"s2tw": ("s2t", "t2tw"), "s2hk": ("s2t", "t2hk")}


class _Chain:
    def __init__(self, first, then):
        self.first, self.then = first, then

    def convert(self, text: str) -> str:
        return self.then.convert(self.first.convert(text))


def converter(config: str):
    conv = _CONVERTERS.get(config)
    if conv is None:
        if config in _CHAINED:
            conv = _Chain(*(converter(c) for c in _CHAINED[config]))
        else:
            conv = _opencc(config)
        _CONVERTERS[config] = conv
    return conv


def _opencc_stamps() -> str:
    import opencc

    return f"{getattr(opencc, '__version__', '')}\0{yamlload.file_stamps(opencc.__file__)}"


#: words converted, kept across runs: a fix that writes 四个意识 back into a traditional
#: report needs s2t (~15 ms to build in every process that meets one), then t2tw and t2hk
#: (~0.5 ms each), for conversions of microseconds (bench/PROFILE.md, nineteenth pass).
#: Keyed by OpenCC's version and files, as the conversions depend on them.
WORDS = yamlload.CacheFile("opencc-words", _opencc_stamps, limit=2000)
#: longer texts are converted, not kept: the cache holds words and set phrases
WORD_MAX = 64


def convert_word(config: str, text: str) -> str:
    """``converter(config).convert(text)`` for a word or short phrase, from the user cache
    when an earlier run converted it (the converter is then not built)."""
    if len(text) > WORD_MAX:
        return converter(config).convert(text)
    key = (config, text)
    value = WORDS.get(key)
    if not isinstance(value, str):
        value = converter(config).convert(text)
        WORDS.put(key, value)
    return value


def _opencc(config: str):
    """OpenCC's converter for ``config``: from its flattened form where there is one (the
    same conversions, loaded in a third of the time: lint.kinds.opencc_flat). It converts
    more slowly (~240 ns a character against ~140: OpenCC builds faster match tables for a
    group), but OpenCC's own s2t takes 27 MB more; a run whose documents are all traditional
    is ~7% slower for it, and every run's memory stays flat (bench/PROFILE.md, sixth pass)."""
    import opencc

    if config in opencc_flat.FLATTEN:
        flat = opencc_flat.flat_config(config)
        if flat is not None:
            try:
                return opencc.OpenCC(flat)
            except Exception:  # noqa: BLE001 - a damaged cache file: OpenCC's own config
                pass
    return opencc.OpenCC(config)


def t2s_of(doc: Document) -> str:
    """The document's prose converted by t2s, once per document (rules share it)."""
    return doc.memo("t2s", lambda: converter("t2s").convert(doc.prose))


#: characters that only traditional text has and almost every traditional text does: a
#: quick test before converting a document to read it in simplified characters
TRADITIONAL_MARKERS = "們個會這來說為對時與經發過於當國"


def _share_changed(a: str, b: str) -> float:
    """How much of ``a`` a conversion changed (a traditional document: a large share)."""
    return sum(map(operator.ne, a, b)) / max(1, len(a))


#: a text this short is asked about every traditional character, not only the markers
SHORT_NOTE = 2000


def simplified_form(doc: Document) -> str | None:
    """The t2s form of a document written in traditional characters (more than 3% of its
    prose changes), None for any other: rules whose words are written in simplified
    characters (terms, required sections) read a traditional document through it. t2s
    keeps the length, so positions line up."""
    def compute() -> str | None:
        original = doc.prose
        # the markers settle a document of a few sentences; a short note may hold none of
        # them (牢固樹立“四種意識”) but still a character outside GB 2312 that t2s changes
        if not any(ch in original for ch in TRADITIONAL_MARKERS) and not (
                len(original) <= SHORT_NOTE
                and changes_outside_gb2312(original, lambda: converter("t2s"))):
            return None
        simplified = t2s_of(doc)
        if len(simplified) != len(original) or _share_changed(original, simplified) <= 0.03:
            return None
        # in a note of a sentence or two one stray character is 3% (牢固树立“四种意识”，赴臺湾
        # 考察。): it is traditional only when t2s changes more of it than s2t would
        if len(original) <= SHORT_NOTE:
            traditional = converter("s2t").convert(original)
            if (len(traditional) == len(original)
                    and _share_changed(original, traditional)
                    >= _share_changed(original, simplified)):
                return None
        return simplified

    return doc.memo("simplified_form", compute)


# -- is there anything for t2s to change? ---------------------------------------------------
# Converting every document costs more than all the rest of this rule: most documents are
# simplified and t2s leaves them as they are. t2s (OpenCC 1.4) replaces, at each position,
# the longest key of the first of TSPhrases, TSCharactersExt and TSCharacters that has one
# there; the character tables have one-character keys and no value changes the length. So a
# character t2s changes is either outside GB 2312 (the simplified national character set:
# found at C speed by encoding to it), or one of the GB 2312 characters t2s changes on their
# own (T2S_CHANGED_ALONE), or a character it leaves alone but changes inside a TSPhrases
# phrase (T2S_PHRASE_ONLY: 瞭解 -> 了解, 藉口 -> 借口, 反覆 -> 反复); then the text holds one of
# the phrases that change it (T2S_PHRASES). Most documents hold such a character (什么, 与时
# 俱进, 覆盖) but none of those phrases, and are skipped without converting anything.
# All three lists are derived from OpenCC's own tables with scripts/t2s_special_chars.py:
# re-derive them whenever OpenCC is upgraded. tests/test_script_gate.py checks them against
# the installed OpenCC (completely where OpenCC's bundled opencc_dict tool can read its
# tables).
T2S_CHANGED_ALONE = "乾吒夥後徵拚捱摺於榘菸薹袷醣麴麽"
T2S_PHRASE_ONLY = "么俱哩坏彷沈甦瞭藉衹覆"
T2S_SPECIAL = frozenset(T2S_CHANGED_ALONE + T2S_PHRASE_ONLY)
#: the TSPhrases keys that change a character of T2S_PHRASE_ONLY (grouped by it)
T2S_PHRASES = tuple("""
    么麼 么麽
    傢俱
    海哩 英哩
    一坏 土坏 坏土 坏子 坏布 坏戶 打坏 拉坏 捏坏 毛坏 磚坏 脫坏 製坏
    鋼坏 鑿坏 陶坏 麪坏兒
    彷彿
    墨沈沈 意志消沈 折戟沈沙 折戟沈河 擊沈 昏沈 暗沈沈 死氣沈沈 沈下
    沈不住氣 沈住氣 沈冤 沈厚 沈吟 沈寂 沈得住氣 沈思 沈思往事 沈悶 沈沒
    沈沒成本 沈浮 沈浸 沈浸於 沈淪 沈湎 沈湎酒色 沈溺 沈滯 沈滯性 沈澱
    沈澱出來 沈澱劑 沈澱法 沈澱物 沈濁 沈甸甸 沈痛 沈痼 沈痾 沈睡 沈睡不醒
    沈砂池 沈積 沈積岩 沈積石 沈筒 沈船 沈落 沈迷 沈迷不醒 沈醉 沈重 沈降
    沈陷 沈靜 沈靜下來 沈香 沈鬱 沈魚落雁 沈默 沈默不語 沈默寡言 浮沈 深沈
    深沈不露 烏沈沈 破釜沈舟 耳沈 落雁沈魚 載沈載浮 載浮載沈 陰沈 陰沈沈
    陰陰沈沈 雁杳魚沈 魚沈雁杳 黑沈沈
    復甦 甦生 甦醒
    一目瞭然 不瞭解 據瞭解 明瞭 瞭如 瞭如指掌 瞭然 瞭然於心 瞭若指掌 瞭解
    瞭解到 簡單明瞭 踅門瞭戶
    以免藉口 凌藉 憑藉 憑藉着 找藉口 滑藉 狐藉虎威 素藉 茵藉 藉代 藉以
    藉助 藉助於 藉卉 藉口 藉喻 藉寇兵 藉寇兵齎盜糧 藉手 藉據 藉故 藉故推辭
    藉方 藉條 藉槁 藉機 藉此 藉此機會 藉甚 藉由 藉着 藉端 藉端生事
    藉箸代籌 藉草枕塊 藉詞 藉讀 藉資 躪藉 醞藉 顧藉
    衹得 衹見樹木 衹見樹木不見森林
    函覆 反反覆覆 反覆 反覆思維 反覆思量 反覆性 名覆金甌 回覆 批覆 拜覆
    明覆 申覆 示覆 稟覆 答覆 覆信 覆呈 覆命 覆墓 覆帳 覆按 覆文 覆校
    覆電 見覆 重覆 鈞覆 電覆
""".split())


def _phrase_index(phrases) -> dict[str, tuple[list[tuple[int, str]], set[str], set[str]]]:
    """For each character of T2S_PHRASE_ONLY: the (offset of the character, phrase) pairs
    of the phrases that hold it, and the characters before and after it in them. A phrase
    has two characters at least, so an occurrence whose neighbours are in neither set is
    in none of the phrases (the common case: 覆盖, 什么)."""
    index: dict[str, tuple[list[tuple[int, str]], set[str], set[str]]] = {}
    for phrase in phrases:
        for j, ch in enumerate(phrase):
            if ch in T2S_PHRASE_ONLY:
                at, before, after = index.setdefault(ch, ([], set(), set()))
                at.append((j, phrase))
                if j:
                    before.add(phrase[j - 1])
                if j + 1 < len(phrase):
                    after.add(phrase[j + 1])
    return index


_PHRASE_INDEX = _phrase_index(T2S_PHRASES)


def holds_t2s_phrase(text: str, chars) -> bool:
    """Whether ``text`` holds one of T2S_PHRASES at one of its ``chars`` (the characters of
    T2S_PHRASE_ONLY it contains)."""
    for ch in chars:
        at, before, after = _PHRASE_INDEX[ch]
        i = text.find(ch)
        while i >= 0:
            if (i and text[i - 1] in before) or text[i + 1:i + 2] in after:
                if any(j <= i and text.startswith(phrase, i - j) for j, phrase in at):
                    return True
            i = text.find(ch, i + 1)
    return False


_outside: list[str] = []


def gb2312_hanzi() -> list[str]:
    """The 6,763 Chinese characters of GB 2312 (rows 16-87), for checking T2S_SPECIAL."""
    found = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return found


class _Changes(Exception):
    """Raised from the encoder's error handler: a character t2s changes was found, so the
    rest of the document need not be encoded (a traditional document stops at once)."""


def _collect_outside(err: UnicodeEncodeError):
    run = err.object[err.start:err.end]
    if any(_CHANGED_ALONE.get(ch) for ch in run):
        raise _Changes
    _outside.append(run)
    return "", err.end


codecs.register_error("gwlint-collect", _collect_outside)
#: characters outside GB 2312 that reports use often and t2s leaves alone, neither on their
#: own nor in a phrase (the em dash and middle dot are in two thirds of the seeds and real
#: reports; 勠 in 勠力同心): known before any document, so that a simplified document holding
#: only these does not build t2s to ask (tests/test_script_gate.py checks them)
T2S_KEPT_OUTSIDE_GB2312 = "—·–•〇勠\u00a0²³"
#: character -> whether t2s changes it on its own (filled as documents bring new characters)
_CHANGED_ALONE: dict[str, bool] = dict.fromkeys(T2S_KEPT_OUTSIDE_GB2312, False)


# -- is the document simplified? ---------------------------------------------------------
# A document t2s changes is traditional or simplified by its majority, which s2t decides
# (~20 ms and ~7 MB to build): most such documents are simplified reports with a stray 後.
# S2T_SURE are common characters t2s never changes and s2t changes in every context (on
# their own and inside every phrase that holds them; no phrase of s2t changes the length):
# each occurrence is a simplified character s2t would count, so as many of them as there
# are traditional characters settle it without s2t, exactly as converting would. Derived
# from OpenCC's tables with scripts/s2t_sure_chars.py (re-derive after upgrading OpenCC);
# tests/test_script_gate.py checks them against the installed OpenCC.
S2T_SURE = (
    "识态学习会实动强责导职区开组领传员对进题务论为办织设够时国坚关业风机体层群问专报"
    "讲况单阵发结险将训严个贯来认园众彻还义议与总点队劳内权统现规过网级决联没书项标并"
    "话挥势围舆运处积极记监较条压调读断纳评计觉类络门请视优资爱参创复岗课谈听团细线响"
    "写选营从达带钉奋观惯号汇践届紧经举两齐绕数头养杂终装状补产负盖获间检满们脑热树讨"
    "稳续验扬应语预远阅壮摆帮编别长畅当顿给巩构挂红护纪阶扩览离难倾赛渗声术双诉随违维"
)


def surely_simplified(text: str, traditional_count: int) -> bool:
    """Whether ``text`` holds at least ``traditional_count`` characters of S2T_SURE."""
    found = 0
    for _ in _sure_class().finditer(text):
        found += 1
        if found >= traditional_count:
            return True
    return False


@cache
def _sure_class():
    """S2T_SURE as one character class, compiled once per process."""
    return regexcache.compile_re(f"[{S2T_SURE}]")


def diff_positions(a: str, b: str, chunk: int = 64) -> list[int]:
    """Offsets where two equally long strings differ; differences are sparse, so compare
    chunks first and look inside a chunk only when it differs."""
    if a == b:
        return []
    found = []
    n = len(a)
    for i in range(0, n, chunk):
        if a[i:i + chunk] != b[i:i + chunk]:
            found += [j for j in range(i, min(i + chunk, n)) if a[j] != b[j]]
    return found


def changes_outside_gb2312(text: str, conv) -> bool:
    """Whether ``text`` holds a character outside GB 2312 that t2s changes on its own: a
    traditional character (encoding finds those at C speed, and each character is converted
    once per process, by ``conv()``: the converter is built only for a character not seen
    before)."""
    _outside.clear()
    try:
        text.encode("gb2312", "gwlint-collect")
    except _Changes:
        return True
    outside = set("".join(_outside))
    new = [ch for ch in outside if ch not in _CHANGED_ALONE]
    if new:
        converted = conv().convert("\n".join(new))
        same_length = len(converted) == 2 * len(new) - 1
        for i, ch in enumerate(new):
            _CHANGED_ALONE[ch] = not same_length or converted[2 * i] != ch
    return any(_CHANGED_ALONE[ch] for ch in outside)


#: ``expect: simplified``'s message for a document written in traditional characters
DOCUMENT_MESSAGE = "全文用{script}字书写（{share}的汉字是{script}字），应使用规范汉字（{other}字）"
#: ... and for a part of one
BLOCK_MESSAGE = ("此处起{lines}行用{script}字书写（{share}的汉字是{script}字），"
                 "应使用规范汉字（{other}字）")
#: a line with at least this many Chinese characters, TRADITIONAL_SHARE of them traditional,
#: is written in traditional characters (a stray one in a simplified line is 1-5%); lines
#: with traditional characters around it, BLOCK_HAN Chinese characters or more in all, are
#: a part written so; parts with WHOLE_SHARE of the document's are the whole
LINE_HAN = 4
BLOCK_HAN = 40
#: ... and a line this long without any is simplified (in traditional text, a third of
#: the characters differ: twenty in a row that do not are improbable)
SIMPLIFIED_HAN = 20
WHOLE_SHARE = 0.8


def _lines_of(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The lines holding the sorted ``positions``, as (start, end), each once (an exception
    spans no line break, and may be as long as a line: a user's 《[^》\\n]*》)."""
    found: list[tuple[int, int]] = []
    for i in positions:
        if found and i < found[-1][1]:
            continue
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        found.append((start, len(text) if end < 0 else end))
    return found


def _traditional_blocks(text: str, changed: list[int]) -> list[tuple[int, int, int, int]]:
    """(start, end, traditional characters, Chinese characters) of the parts written in
    traditional characters (``changed``: where they are, sorted): runs of lines with a
    traditional character (or too short to tell) around one written in them, as a whole
    TRADITIONAL_SHARE traditional, from the first line with one to the last."""
    from bisect import bisect_left

    lines, at, k = [], 0, 0
    for line in text.split("\n"):
        end = at + len(line)
        j = bisect_left(changed, end, k)
        count, k = j - k, j
        # (Chinese characters are counted where they matter: in a line with a traditional
        # one; a line without any is simplified by its length)
        lines.append((at, end, count, _han_count(line) if count else len(line)))
        at = end + 1
    blocks, run = [], []
    for line in [*lines, (0, 0, 0, SIMPLIFIED_HAN)]:  # (a simplified line after the last)
        _, _, count, han = line
        if count or han < SIMPLIFIED_HAN:  # (a short line may be neutral: 各位代表)
            run.append(line)
            continue
        while run and not run[-1][2]:  # from its first line with a traditional one to the last
            run.pop()
        while run and not run[0][2]:
            run.pop(0)
        count, han = sum(r[2] for r in run), sum(r[3] for r in run)
        if han >= BLOCK_HAN and count >= TRADITIONAL_SHARE * han and any(
                r[3] >= LINE_HAN and r[2] >= max(2, TRADITIONAL_SHARE * r[3]) for r in run):
            blocks.append((run[0][0], run[-1][1], count, han))
        run = []
    return blocks


class ScriptKind(Kind):
    message_fields = frozenset({"script", "other", "text", "suggestion"})
    options = {
        "to_simplified": "t2s",
        "to_traditional": "s2t",
        "confirm_simplified": [],
        "confirm_traditional": ["s2tw", "s2hk"],
        "exceptions": [],
        "ignore": None,
        "expect": "any",
        "document_message": DOCUMENT_MESSAGE,
        "block_message": BLOCK_MESSAGE,
    }

    def setup(self) -> None:
        for key in ("to_simplified", "to_traditional"):
            self._config(self.opts[key], key)
        for key in ("confirm_simplified", "confirm_traditional"):
            value = self.opts[key]
            if not isinstance(value, list):
                raise self.rule.error(f"'{key}' must be a list of OpenCC configs", key)
            for config in value:
                self._config(config, key)
        if self.opts["expect"] not in ("any", "simplified"):
            raise self.rule.error("'expect' must be 'any' or 'simplified'", "expect")
        for key, fields in (("document_message", "{script}, {other}, {share}"),
                            ("block_message", "{script}, {other}, {share}, {lines}")):
            template = self.opts[key]
            if not isinstance(template, str) or not template:
                raise self.rule.error(f"'{key}' must be a message", key)
            try:
                template.format(script="", other="", share="", lines="")
            except (KeyError, IndexError, ValueError) as exc:
                raise self.rule.error(f"bad placeholder in '{key}': {exc} (it may use "
                                      f"{fields})", key) from None
        entries = self.opts["exceptions"]
        if not isinstance(entries, list) or not all(isinstance(w, str) and w for w in entries):
            raise self.rule.error("'exceptions' must be a list of words", "exceptions")
        words = [w for w in entries if split_slashes(w)[0] == w]
        longest_first = sorted(words, key=len, reverse=True)
        self.exceptions = (
            regexcache.compile("|".join(regex.escape(w) for w in longest_first)) if words else None)
        #: the ``/regex/`` entries: a word's context decides (the surname 於), so a pattern
        self.exception_patterns = [
            self.compile_lazy(w, "exceptions", line=at)
            for w, at in zip(entries, lines_of(entries), strict=True) if split_slashes(w)[0] != w]
        # (a text without the strings of ignore_prefilter reads the same without its spans)
        self.ignore_option()
        # the census every document gets (one pass for all rare characters) counts these too
        CENSUS.add(T2S_SPECIAL)

    # The converters are built once per process, when a document first needs one: t2s
    # (importing OpenCC and building it: ~8 ms) for a character outside GB 2312 or one of
    # T2S_SPECIAL, which two in three simplified documents never hold; s2t and the
    # confirming converters (~20 ms and ~7 MB: s2t from its flattened table) for a document
    # with traditional characters that S2T_SURE does not show to be simplified. Before a
    # fork, warm() builds t2s, which most runs of many files need, once for all processes.
    @property
    def to_simplified(self):
        return converter(self.opts["to_simplified"])

    def warm(self) -> None:
        self.to_simplified  # noqa: B018 - builds it and keeps it
        if self.ignore is not None:
            self.ignore.compiled  # noqa: B018 - compiles and keeps it

    @property
    def to_traditional(self):
        return converter(self.opts["to_traditional"])

    def confirming(self, script: str) -> list:
        """The converters that confirm a finding in a ``script`` ("simplified" or
        "traditional") document: only that script's are built."""
        return [converter(c) for c in self.opts[f"confirm_{script}"]]

    def _config(self, value, key: str) -> None:
        if value not in _CONFIGS:
            raise self.rule.error(
                f"unknown OpenCC config {value!r} (use one of: {', '.join(_CONFIGS)})", key)

    def check(self, doc: Document) -> Iterator[Finding]:
        original = doc.prose
        if self.opts["to_simplified"] == "t2s" and not self._t2s_may_change(
                original, CENSUS.of_document(doc), doc.memo("probes", dict)):
            return
        text, offsets = self._without_ignored(original)
        if text is original and self.opts["to_simplified"] == "t2s":
            simplified = t2s_of(doc)  # shared with the terms rule
        else:
            simplified = self.to_simplified.convert(text)
        if simplified == text or len(simplified) != len(text):
            # no traditional character (the common case, decided at C speed), or a config
            # that changes lengths, so that positions would not line up
            return
        step = max(1, len(text) // 10)  # (counted by tenths: see below)
        tenths = [sum(map(operator.ne, simplified[i:i + step], text[i:i + step]))
                  for i in range(0, len(text), step)]
        traditional_count = sum(tenths)
        blocks, changed = [], None
        if self.opts["expect"] == "simplified" and traditional_count >= BLOCK_HAN // 2:
            han = _han_count(text)
            whole = (len(text) > SHORT_NOTE and traditional_count * 20 >= len(text)
                     and traditional_count >= TRADITIONAL_SHARE * han)
            if whole and all(count * 20 >= min(step, len(text) - i * step)
                             for i, count in enumerate(tenths)):
                # each tenth has traditional characters, one in twenty or more: written in
                # them from end to end (the common case, decided without reading its lines)
                yield self._document_finding(text, simplified, traditional_count, offsets)
                return
            changed = diff_positions(text, simplified)
            blocks = _traditional_blocks(text, changed)
            if blocks and sum(b[3] for b in blocks) < WHOLE_SHARE * han:
                # a part written in traditional characters (a section pasted from a Hong
                # Kong or Taiwan page): said once for each, the rest checked as usual
                for block in blocks:
                    yield self._block_finding(text, simplified, block, offsets)
                if traditional_count - sum(b[2] for b in blocks) == 0:
                    return
            elif blocks or whole:
                # written in traditional characters, whatever s2t would say of the rest (it
                # is not built: a fifth of a report's characters are not a few strays)
                yield self._document_finding(text, simplified, traditional_count, offsets)
                return
        # s2t's phrases are simplified words, so converting the traditional text itself
        # misreads 塔克拉瑪干 (瑪幹); converting its simplified form misreads a correct
        # 發布 (發佈) and 市長杯 (盃). A character is simplified only when both say so.
        if self.opts["to_traditional"] == "s2t" and surely_simplified(text, traditional_count):
            traditional = None  # what s2t would find, without building it
        else:
            traditional = _to_traditional(self.to_traditional, simplified, text,
                                          traditional_count)
        if traditional is _CHANGED_LENGTH:
            return
        if traditional is not None and self.opts["expect"] == "simplified":
            yield self._document_finding(text, simplified, traditional_count, offsets)
            return
        if traditional is not None:  # fewer simplified characters than traditional ones
            script, other, target = "繁体", "简体", traditional
            # (the simplified form's s2t is known already: its lines are sliced from it)
            sources = [(simplified, {self.to_traditional: traditional}), (text, {})]
            confirm = [self.to_traditional, *self.confirming("traditional")]
            # a simplified character is one t2s leaves alone and s2t changes
            positions = [i for i in diff_positions(text, traditional) if text[i] == simplified[i]]
        else:
            script, other, target = "简体", "繁体", simplified
            sources, confirm = [(text, {})], self.confirming("simplified")
            positions = changed if changed is not None else diff_positions(text, simplified)
        if blocks:  # (said once for each block)
            positions = [i for i in positions if not any(a <= i < b for a, b, _, _ in blocks)]
        if positions and (self.exceptions is not None or self.exception_patterns):
            # looked for in the lines of the positions only: 于, 占, 周 of the exceptions are
            # everywhere in a simplified text with one stray character
            excepted, budget = set(), {}
            for lo, hi in _lines_of(text, positions):
                if self.exceptions is not None:
                    for m in self.exceptions.finditer(text, lo, hi):
                        excepted.update(range(*m.span()))
                for pattern in self.exception_patterns:
                    for m in self.finditer(pattern, text, lo, hi, budget=budget):
                        excepted.update(range(*m.span()))
            positions = [i for i in positions if i not in excepted]
        if confirm and positions:
            positions = _confirmed(text, sources, positions, confirm)
        regional = None
        if positions and script == "繁体" and self.opts["to_traditional"] == "s2t":
            regional = regional_form(text, target)
        for start, end in _runs(positions):
            suggestion = target[start:end]
            if regional is not None:
                suggestion = regional(suggestion)
            message = self.message(
                "{script}文稿中混入{other}字“{text}”，应为“{suggestion}”",
                text=text[start:end], suggestion=suggestion, script=script, other=other,
            )
            if offsets:
                start, end = unexcised(offsets, start, end)
            yield self.finding(start, end, message)

    def _block_finding(self, text: str, simplified: str, block, offsets: list) -> Finding:
        """A part written in traditional characters, said once, at its first one."""
        start, end, changed, han = block
        return self._said_once("block_message", text, simplified, start, changed, han,
                               offsets, lines=text.count("\n", start, end) + 1)

    def _document_finding(self, text: str, simplified: str, traditional_count: int,
                          offsets: list) -> Finding:
        """``expect: simplified``: the whole document is the mistake, said once, at its
        first traditional character."""
        return self._said_once("document_message", text, simplified, 0, traditional_count,
                               _han_count(text), offsets)

    def _said_once(self, key: str, text: str, simplified: str, start: int, changed: int,
                   han: int, offsets: list, **fields) -> Finding:
        """The finding with message ``key`` at the first traditional character from
        ``start``; ``changed`` of ``han`` Chinese characters are traditional."""
        first = next(i for i in range(start, len(text)) if text[i] != simplified[i])
        at = unexcised(offsets, first, first + 1) if offsets else (first, first + 1)
        return self.finding(*at, self.opts[key].format(
            script="繁体", other="简体", share=f"{min(changed / (han or 1), 1):.0%}", **fields))

    def _t2s_may_change(self, text: str, present: frozenset[str] | None = None,
                        probed: dict[str, bool] | None = None) -> bool:
        """Whether t2s could change anything in ``text`` (its ignore spans removed): exact,
        and far cheaper than converting a document that turns out simplified. ``present``
        is the census of ``text`` (:class:`~.prefilter.Census`, which counts T2S_SPECIAL),
        shared with the other rules in a run; ``probed`` their probes of it."""
        if changes_outside_gb2312(text, lambda: self.to_simplified):
            return True
        if present is None:
            present = CENSUS.of(text)
        special = present & T2S_SPECIAL
        if not special:
            return False
        # A character of T2S_PHRASE_ONLY changes only inside one of T2S_PHRASES (a necessary
        # condition: the conversion below still decides, since a longer phrase overlapping
        # it may win). Without them, and without a character changed on its own, only the
        # removal of ignore spans could still join up such a phrase (瞭(liǎo)解).
        if (special.isdisjoint(T2S_CHANGED_ALONE) and not holds_t2s_phrase(text, special)
                and (self.ignore_prefilter is None
                     or not self.ignore_prefilter.passes(text, present, probed))):
            return False
        # convert just the lines holding one of them (phrases never cross a line)
        spans = set()
        for ch in special:
            i = text.find(ch)
            while i >= 0:
                start = text.rfind("\n", 0, i) + 1
                end = text.find("\n", i)
                end = len(text) if end < 0 else end
                spans.add((start, end))
                i = text.find(ch, end)
        sample, _ = self._without_ignored("\n".join(text[s:e] for s, e in sorted(spans)))
        return self.to_simplified.convert(sample) != sample

    def _without_ignored(self, text: str) -> tuple[str, list[tuple[int, int]]]:
        """The text without the ``ignore`` spans (converter pinyin: 調(diào)研制度 must be
        read as 調研制度, not 研制), and the offsets back (lint.kinds.excise)."""
        if self.ignore is None:
            return text, []
        return excise(text, (m.span() for m in self.finditer(self.ignore, text)))


#: OpenCC's variant tables from its standard traditional forms to Taiwan's and Hong Kong's
REGIONAL = ("t2tw", "t2hk")


def regional_form(text: str, traditional: str):
    """A function writing a piece of ``traditional`` (OpenCC's standard forms, s2t) in the
    regional standard ``text`` itself follows, or None for OpenCC's own: whichever form of
    the variant characters (為/爲, 裡/裏, 眾/衆, 著/着) the document uses more often. A
    stray simplified 里 in a Taiwan report is then to be 裡, not OpenCC's 裏. When Taiwan's
    and Hong Kong's standards tie (a report whose only such character is 為), a character
    takes the form they share (為, not OpenCC's 爲) and OpenCC's where they differ (裏); a
    table that changes a length keeps OpenCC's forms. Asked only for a traditional
    document that has findings; the variant tables map single characters, so the
    document's distinct characters are converted, not the document."""
    sample = "".join(sorted(set(traditional)))
    forms = [converter(config).convert(sample) for config in REGIONAL]
    if any(len(form) != len(sample) for form in forms):
        return None
    differ = set()
    for form in forms:
        differ.update(diff_positions(sample, form))
    scores = [0] * (len(REGIONAL) + 1)
    for i in differ:
        for k, variant in enumerate((sample[i], *(form[i] for form in forms))):
            scores[k] += text.count(variant)
    best = max(scores)
    if scores[0] == best:
        return None
    tied = [REGIONAL[k - 1] for k, score in enumerate(scores) if k and score == best]
    if len(tied) == 1:
        return converter(tied[0]).convert
    return lambda piece: _shared_form(piece, tied)


def _shared_form(piece: str, configs) -> str:
    """``piece`` with each character the ``configs`` all write alike in that form."""
    forms = [converter(config).convert(piece) for config in configs]
    if any(len(form) != len(piece) for form in forms):
        return piece
    return "".join(column[0] if len(set(column)) == 1 else ch
                   for ch, *column in zip(piece, *forms, strict=True))


def form_in_use(text: str, traditional: str) -> str:
    """``traditional`` (OpenCC's standard forms, s2t: a word to be written into ``text``,
    not a piece of it) with each character that Taiwan's or Hong Kong's standard writes
    otherwise in the form ``text`` itself uses more often: 以習近平同志為核心 in a report that
    writes 為, not OpenCC's 爲."""
    chars = list(traditional)
    for config in REGIONAL:
        form = convert_word(config, traditional)
        if len(form) != len(traditional):
            continue
        for i in diff_positions(traditional, form):
            if text.count(form[i]) > text.count(chars[i]):
                chars[i] = form[i]
    return "".join(chars)


#: what _to_traditional returns for a conversion that changes the length
_CHANGED_LENGTH = object()
#: the first piece converted by _to_traditional; each next one is twice as long
_PIECE = 1024


def _to_traditional(conv, simplified: str, text: str, traditional_count: int):
    """``conv.convert(simplified)``, or None as soon as its pieces show at least as many
    simplified characters in ``text`` as ``traditional_count`` (the document is simplified
    then, and the rest need not be converted: a simplified document with one stray 後
    converts a line or two, not the whole), or _CHANGED_LENGTH when a piece changes length
    (positions would not line up). Pieces end at line ends, which no OpenCC key crosses,
    so joined they are the conversion of the whole."""
    pieces, count, start, size, n = [], 0, 0, _PIECE, len(simplified)
    while start < n:
        end = simplified.find("\n", start + size)
        end = n if end < 0 else end + 1
        piece = conv.convert(simplified[start:end])
        if len(piece) != end - start:
            return _CHANGED_LENGTH
        count += sum(map(operator.ne, piece, text[start:end]))
        if count >= traditional_count:
            return None
        pieces.append(piece)
        start, size = end, size * 2
    return "".join(pieces)


def _confirmed(text: str, sources: list[tuple[str, dict]], positions: list[int],
               confirm: list) -> list[int]:
    """Keep the positions that every confirming conversion of every source (the text, or
    its simplified form) also changes. Lines are converted, not characters, so that
    phrases still decide. Each source comes with the whole-text conversions already made
    ({converter: output}); a line of those is a slice, since no OpenCC key crosses a line
    break and conversions keep the length (both checked by the caller). ``positions``
    ascend."""
    kept = []
    start = end = 0
    outputs: list[str] = []
    for i in positions:  # ascending: a line is found once, and searched from the last one's
        if i >= end:      # end only (a document of one long line is not searched back to its
            # start at every position)
            start = max(text.rfind("\n", end, i), text.rfind("\r", end, i)) + 1 or end
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            cr = text.find("\r", i, end)  # not to the end of a text that has none
            end = end if cr < 0 else cr
            outputs = []
            for source, known in sources:
                piece = source[start:end]
                memo = {id(conv): out[start:end] for conv, out in known.items()}
                outputs += [_convert(conv, piece, memo) for conv in confirm]
        ch, k = text[i], i - start
        if all(k < len(out) and out[k] != ch for out in outputs):
            kept.append(i)
    return kept


def _convert(conv, text: str, memo: dict) -> str:
    """``conv.convert(text)``, sharing the first step of chained converters (s2t, s2tw and
    s2hk all begin with s2t) within one ``memo``."""
    key = id(conv)
    if key not in memo:
        if isinstance(conv, _Chain):
            memo[key] = conv.then.convert(_convert(conv.first, text, memo))
        else:
            memo[key] = conv.convert(text)
    return memo[key]


def _runs(positions: list[int]) -> Iterator[tuple[int, int]]:
    """Adjacent offsets as one span: 範圍 is one finding, not two."""
    start = prev = None
    for i in positions:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            yield start, prev + 1
            start = prev = i
    if start is not None:
        yield start, prev + 1
