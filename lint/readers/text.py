"""Plain text in the encodings Chinese offices use.

A file's bytes carry no label, so the encoding has to be decided from the bytes, and a wrong
decision is worse than none: a Big5 file read as GBK yields plausible-looking garbage that
every rule then reports. The decision, cheapest first:

1. a BOM (UTF-8, UTF-16, UTF-32) settles it;
2. NUL bytes mean UTF-16 without a BOM (when that decodes to clean text), a text with a few
   stray NULs (at most one in 1,000 bytes, decoding as UTF-8, GB18030 or Big5: read, so
   that the ``mojibake`` rule reports them) or a binary file, which is skipped with a
   notice;
3. strict UTF-8, the common case, costs one ``bytes.decode`` and no detection;
4. otherwise GB18030 (a superset of GBK and GB2312; with Windows' euro sign, byte 0x80, see
   ``CP936``) and Big5-HKSCS (a superset of Big5).
   Big5 bytes are mostly valid GBK and the reverse, so strict decoding alone cannot choose:
   each decoding is scored by how many of its characters are among the most frequent Chinese
   characters (simplified and traditional), and garbage scores low;
5. a GB18030 or Big5 file with a few bad bytes (a stray byte, a cut-off last character: at
   most one in 1,000 bytes, a single one in a shorter file, as for NULs) is read with each
   bad byte as U+FFFD (up to three: a stray byte puts the characters after it out of step
   until they fail too), which the ``mojibake`` rule reports where it is, and a notice. Its
   characters say it is Chinese, which a guess of another script never is (a GBK report
   with one stray byte was guessed to be Thai, cp874, and passed); damaged more than that,
   it is reported as undecodable;
6. for anything else charset-normalizer gives its best guess, accepted only when it is
   coherent. A file nothing decodes into plausible text is reported as undecodable rather
   than guessed into garbage.

Disable comments (``<!-- gwlint-disable -->``) are blanked out of ``prose`` so that no rule
reports their ASCII punctuation.
"""

from __future__ import annotations

import codecs

from .. import regexcache
from ..document import Document, blank_out
from . import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

DIRECTIVE = regexcache.compile(
    r"<!--\s*(?:gwlint|textlint)-(?:disable|enable)(?:-next-line|-line)?\b[^\n]*?-->"
)

#: The most frequent characters of Chinese official prose (the top 600 of the real corpus
#: plus everyday function words: 91 % of its Han characters) and their traditional forms
#: (OpenCC s2t, s2tw, s2hk). A correct decoding draws most of its characters from here; a
#: GBK/Big5 mix-up draws from the whole table and scores far lower.
#: (the simplified characters alone, most frequent first, as a set, and then with the
#: traditional forms)
FREQUENT_SIMPLIFIED_RANKED = (
    "业化新建展全发实动进国产大推和设加力高工中的人增一生提区持务强体能民等成政重行地质深市制保会治作施升开平量资入家城经个合创长年理现项好服改点基以水效代企省造优上济坚育面快用心五为万科有社机技目级要文续农安域定主公稳出更在规品支系态完投性度融村程源不学共色三场领型革标数事总费法放统十同活海落金消群通策向位管到境电防运分方亿各集善医是乡期府教商我元部达营打本促整环扩居智局自步护对特外范就协办台战关应构绿西风时引值精口转收综障多做路四物试际南准党第联流培模均取险贸县式突决健与园批率旅结得划积们下计山习利老二超立网极交导专线础央小镇次兴明争供碳游首表两近内预院先略破江解任果固监美验众来示件易信义带势链接道筹调干空前术养题指清于及河贯比条委低字着核功间研北天类过东房求格团配聚气港才确攻速员抓算牢校问意林单显广断案族双列千军神排左疗航右查控布拓彻备之难把惠零层降形别需振常车装了思污届措里严权议置子景获督历复铁举住疆想边扎所奋康食职减可组灾药记补盖占壮覆价户界牌正头传维至紧债身州据招六京跨巩志良八土百最普节给益名史额绩挥富财儿命书评底序变围湖认依世素卫未走起从让种参互移丽承感津宜存宁煤审这识连染轮原充都助考粮例贫青庆赛税键践球处足亩然困龙扶后矿具属必非石受视根料启无华竞选络帮圈退守旧室修容署材门日博救报满织因压福站其撑纽筑急累激越响观念段并端托执究斗责枢失切密使约渝相适亚检测队情周遗黄回光直探当他说也而你那去如者么看将还此又见只没她它些被像很"
)
FREQUENT_SIMPLIFIED = frozenset(FREQUENT_SIMPLIFIED_RANKED)
FREQUENT = FREQUENT_SIMPLIFIED | frozenset(
    "並亞佔來個們備傳債價億優兒內兩別創劃動務勢區協參員問啓啟單嚴國圍園團執堅報場壓壯奮學實寧審將專對導屆層屬帶幫幹廣強後從復徹態慶應戰戶揮撐據擴數斷於時書會東條業極構標樞機檢權歷氣汙決沒減測準滿濟災為無營爭爲獲現環產畝當療發監眾確礎礦稅種積穩競節範築籌糧約紐級組結絡給統經綜綠維網緊線縣總績織續羣義習聯職臺與興舉舊華萬著蓋藥處衆術衛衞裏補裝裡見規視觀計記設評試認說説調識議護變讓財貧貫責費貿資質賽踐車軍輪轉辦農這連進遊運過達適選遺還邊鄉醫鍵鎮鏈鐵長門開間關隊際險雙難電鞏響項預領頭題額類顯風養驗體鬥麗麼黃點黨龍"
)
#: ... and Chinese punctuation, which a right decoding of Chinese prose is full of and a GBK/
#: Big5 mix-up never yields (0 of its characters, on eight real reports either way): without
#: them a short GBK note of rarer characters, 甲乙合作，共100元，请删掉。, scored 0.33
EXPECTED = FREQUENT | frozenset("，。、；：？！“”‘’（）《》【】〔〕—…·「」『』")
#: A decoding whose non-ASCII characters are frequent at least this often is taken as right
#: (correct decodings score 0.8-0.95; GBK read as Big5 and the reverse 0.1-0.35).
MIN_COVERAGE = 0.5
#: With fewer non-ASCII characters than this, coverage says little: a lone strict decoding wins.
MIN_EVIDENCE = 12
#: GBK as Windows writes it (code page 936, IANA's windows-936): GB18030 but for the euro
#: sign, which is the single byte 0x80 there. Python's gbk, cp936 and gb18030 codecs reject
#: that byte (iconv's CP936 and browsers read it), and a GBK report with a price in euros
#: could not be read. A codec of its own, registered below, so that ``--fix`` writes € back
#: as 0x80; a file without that byte is still reported as GB18030.
CP936 = "windows-936"
#: (Big5 as Windows writes it, code page 950, last: its euro sign, A3E1, and a few other
#: characters are not HKSCS's, and a valid file with a price in euros read as damaged)
_CHINESE = (CP936, "big5hkscs", "cp950")
#: their names in messages, and of what ``_name`` reports instead
_NAMES = {CP936: "GB18030", "gb18030": "GB18030", "big5hkscs": "Big5", "big5": "Big5",
          "cp950": "Big5"}
#: ... and the codecs of the names in messages
_CODECS = {"UTF-8": "utf-8", "GB18030": CP936, "Big5": "big5hkscs"}
#: the encodings gwlint decides on itself (a BOM, UTF-8, GB18030 or Big5 by their characters);
#: a document in any other (charset-normalizer's guess) gets a notice saying so
DECIDED = frozenset({"utf-8", *_NAMES}) | {e for _, e in _BOMS}
_CONTROL = regexcache.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: private-use characters: what a wrong choice between GB18030 and Big5 produces
_PRIVATE_USE = regexcache.compile(r"[\ue000-\uf8ff]")


def decode(data: bytes) -> tuple[str, str, bool]:
    """bytes -> (text, encoding, had_bom); raises ReadError (kind "binary" or "decode")."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, True
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"cannot decode as {encoding} (byte {exc.start + len(bom)})") from None
    if b"\x00" in data[:8192]:
        return _decode_with_nuls(data)
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_control(data):
        raise ReadError("binary file (control bytes), skipped", "binary")
    return _detect(data, utf8_error.start)


def _decode_with_nuls(data: bytes) -> tuple[str, str, bool]:
    """Bytes with NULs in their first 8 KB: UTF-16 without a BOM, a text with a few stray
    NULs (a corrupted report: skipped as binary, it passed CI; read, the ``mojibake`` rule
    reports each NUL where it is), or a binary file, skipped. Stray means at most one NUL in
    1,000 bytes (a single one in a shorter file), which UTF-16 text (a NUL in every ASCII
    character) and binaries (PNG, PDF streams, zip: one in 256 bytes or many more) are far
    above; the control bytes must be under a tenth, as for any text, and the text must
    decode as UTF-8, GB18030 or Big5 as any Chinese document would (charset-normalizer's
    guesses are not taken here: such bytes are as likely a binary). Anything else is
    skipped exactly as before."""
    text, encoding = _utf16_without_bom(data)
    if text is not None:
        return text, encoding, False
    head = data[:8192]
    if _stray(head.count(b"\x00"), len(head)) and not _mostly_control(data):
        try:
            return data.decode("utf-8"), "utf-8", False
        except UnicodeDecodeError as exc:
            try:
                return _detect(data, exc.start, guess=False)
            except ReadError:
                pass
    raise ReadError("binary file (contains NUL bytes), skipped", "binary")


def _stray(count: int, size: int, each: int = 1) -> bool:
    """Whether ``count`` odd characters in a text of ``size`` bytes come from a few stray
    bytes: at most one in 1,000 bytes, a single one in a shorter text, each yielding up to
    ``each`` odd characters."""
    return count * 1000 <= each * max(size, 1000)


def _mostly_control(data: bytes) -> bool:
    """Whether over a tenth of the first 8 KB are control bytes: a binary file."""
    return len(_CONTROL.findall(data[:8192].decode("latin-1"))) > 0.1 * min(len(data), 8192)


def _detect(data: bytes, utf8_error: int, guess: bool = True) -> tuple[str, str, bool]:
    scored: list[tuple[float, int, str, str]] = []
    for rank, encoding in enumerate(_CHINESE):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp950" and _PRIVATE_USE.search(text):
            continue  # (its end-user area: what a stray byte makes of the character after it)
        coverage, evidence = chinese_coverage(text)
        scored.append((coverage, -rank, text, encoding))
    if scored:
        coverage, _, text, encoding = max(scored)
        if coverage >= MIN_COVERAGE:
            return text, _name(data, encoding), False
        # too little text to judge by coverage: a strict Chinese decoding (GB18030 first) beats
        # a statistical guess, which on a dozen bytes is noise
        if all(chinese_coverage(t)[1] < MIN_EVIDENCE for _, _, t, _ in scored):
            _, _, text, encoding = max(scored, key=lambda s: (
                not _PRIVATE_USE.search(s[2]), chinese_coverage(s[2])[0], s[1]))
            return text, _name(data, encoding), False
    damaged = _damaged_chinese(data)
    if damaged is not None:
        return damaged[0], damaged[1], False
    guessed = _charset_normalizer(data) if guess else None
    if guessed is not None:
        return guessed[0], guessed[1], False
    if scored:  # GB18030 or Big5 decodes it all: what does not is UTF-8
        line, column = _line_column(data, utf8_error, "utf-8")
        raise ReadError(f"cannot decode: not UTF-8 (invalid byte at {utf8_error}: line {line}, "
                        f"column {column}), and GB18030 and Big5 give unlikely characters")
    raise ReadError(f"cannot decode: {_furthest_failure(data, utf8_error)}")


def _furthest_failure(data: bytes, utf8_error: int) -> str:
    """"not GB18030 (invalid byte at 55: line 2, column 6), UTF-8 or Big5": the first bad
    byte of the encoding that decodes furthest (UTF-8 first when two fail at once), where
    the damage most likely is. A GBK file was "not UTF-8 (invalid byte at 0: line 1, column
    1)", where UTF-8 failed, wherever its bad bytes were."""
    tried = {"UTF-8": utf8_error, "GB18030": _first_bad(data, CP936),
             "Big5": _first_bad(data, "big5hkscs")}
    name = max(tried, key=lambda n: tried[n])
    line, column = _line_column(data, tried[name], _CODECS[name])
    rest = " or ".join(n for n in tried if n != name)
    return f"not {name} (invalid byte at {tried[name]}: line {line}, column {column}), {rest}"


def _damaged_chinese(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a GB18030 or Big5 file with a few bad bytes, read as U+FFFD; None
    when no such reading is Chinese (by its characters, as for a clean file). ReadError when
    one is, but with more bad bytes than a few."""
    readings = []
    for rank, encoding in enumerate(_CHINESE[:2]):  # (cp950 reads bad bytes as its own)
        text = data.decode(encoding, "replace")
        coverage, evidence = chinese_coverage(text)
        if "\ufffd" in text and coverage >= MIN_COVERAGE and evidence >= MIN_EVIDENCE:
            stray = _stray(text.count("\ufffd"), len(data), each=3)
            readings.append((stray, coverage, -rank, text, encoding))
    if not readings:
        return None
    stray, _, _, text, encoding = max(readings)
    if not stray:
        count, where = _bad_bytes(data, encoding)
        raise ReadError(f"cannot decode: {_NAMES[encoding]} with {count} bad bytes, too many to "
                        f"read (the first at {where})")
    return text, _name(data, encoding, "replace")


def _bad_bytes(data: bytes, encoding: str) -> tuple[int, str] | None:
    """(how many bytes of ``data`` do not decode as ``encoding``, where the first is:
    "byte 55: line 2, column 6"); None when all decode. (A U+FFFD for each, as Python
    replaces them: a cut-off character of several bytes counts one.)"""
    offset = _first_bad(data, encoding)
    if offset is None:
        return None
    line, column = _line_column(data, offset, encoding)
    count = data.decode(encoding, "replace").count("\ufffd")
    return count, f"byte {offset}: line {line}, column {column}"


def _first_bad(data: bytes, encoding: str) -> int | None:
    """The offset of the first byte of ``data`` that does not decode as ``encoding``."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _line_column(data: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """(line, column) of byte ``offset`` of ``data``, the bytes before which decode as
    ``encoding``: the column counts their characters, as the findings' columns do."""
    before = data[:offset].decode(encoding, "replace")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def chinese_coverage(text: str, sample: int = 20000) -> tuple[float, int]:
    """(share of the non-ASCII characters that are frequent Chinese characters or Chinese
    punctuation, how many),
    judged on the first ``sample`` characters: a mix-up shows from the first paragraphs."""
    wide = [ch for ch in text[:sample] if ch > "\x7f" and not ch.isspace()]
    if not wide:
        return 0.0, 0
    return sum(ch in EXPECTED for ch in wide) / len(wide), len(wide)


def _name(data: bytes, encoding: str, errors: str = "strict") -> str:
    """Report plain Big5 as "big5" (what the user saved), HKSCS only when it is needed, and
    GB18030 unless Windows' euro sign is there (for a damaged file read with
    ``errors="replace"``: when the plain encoding finds no more bad bytes)."""
    plain = {"big5hkscs": "big5", CP936: "gb18030"}.get(encoding)
    if plain is not None:
        try:
            bad = data.decode(plain, errors).count("\ufffd")
            if bad <= data.decode(encoding, errors).count("\ufffd"):
                return plain
        except UnicodeDecodeError:
            pass
    return encoding


def _utf16_without_bom(data: bytes) -> tuple[str | None, str]:
    """UTF-16 saved without a BOM: accepted only when it decodes to clean, Chinese-like text."""
    if len(data) % 2:
        return None, ""
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text or _CONTROL.search(text):
            continue
        ascii_share = sum(ch < "\x7f" for ch in text) / len(text)
        score = max(chinese_coverage(text)[0], ascii_share)
        if score >= MIN_COVERAGE and (best is None or score > best[0]):
            best = (score, text, encoding)
    return (best[1], best[2]) if best else (None, "")


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess for the rest (Latin-1 notes, Shift-JIS …), if coherent."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        return None
    encoding = codecs.lookup(best.encoding).name
    if encoding in ("utf-8", *_NAMES, "gbk", "gb2312", "cp950"):
        return None  # already tried above, with a better judge
    if encoding.startswith(("utf-16", "utf-32")):
        return None  # without NUL bytes or a BOM this is never UTF-16/32
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return None


def _euro_or(errors: str):
    """A decoding error handler for ``CP936``: a 0x80 that GB18030 rejects (where a character
    starts) is the euro sign, any other bad byte is handled as ``errors`` says."""
    fallback = codecs.lookup_error(errors)

    def handler(exc: UnicodeError) -> tuple[str, int]:
        if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start] == 0x80:
            return "\u20ac", exc.start + 1
        return fallback(exc)

    return handler


def _decode_cp936(data: bytes, errors: str = "strict") -> tuple[str, int]:
    name = f"gwlint-{CP936}-{errors}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        codecs.register_error(name, _euro_or(errors))
    return bytes(data).decode("gb18030", name), len(data)


def _encode_cp936(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return b"\x80".join(part.encode("gb18030", errors) for part in text.split("\u20ac")), len(text)


def _find_cp936(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != CP936.replace("-", "_"):
        return None
    return codecs.CodecInfo(_encode_cp936, _decode_cp936, name=CP936)


codecs.register(_find_cp936)


def mask_directives(text: str) -> tuple[str, list[tuple[int, int]]]:
    spans = [m.span() for m in DIRECTIVE.finditer(text)] if "<!--" in text else []
    if not spans:
        return text, []
    return blank_out(text, spans), spans


def read_text(data: bytes, path: str | None) -> Document:
    text, encoding, bom = decode(data)
    prose, masked = mask_directives(text)
    return Document(text=text, path=path, prose=prose, masked=masked, encoding=encoding, bom=bom,
                    meta=encoding_notices(encoding, data, text))


def encoding_notices(encoding: str, data: bytes = b"", text: str = "") -> dict:
    """A Document's ``meta`` for ``data`` read as ``text`` in ``encoding``: a notice
    (standard error, not a finding) when that is charset-normalizer's guess, or GB18030 or
    Big5 with bad bytes read as U+FFFD. A byte soup read as cp1251 passed as a clean
    document, with nothing said."""
    if encoding not in DECIDED:
        return {"notices": [f" read as {encoding}, a guess: the file is not UTF-8, GB18030 or "
                            "Big5 (check its encoding)"]}
    if encoding in _NAMES and "\ufffd" in text:
        bad = _bad_bytes(data, encoding)
        if bad is not None:  # (else a U+FFFD the file holds, which mojibake reports)
            count, where = bad
            some = (f"1 bad byte (at {where}) is" if count == 1
                    else f"{count} bad bytes (the first at {where}) are")
            return {"notices": [f" read as {_NAMES[encoding]}, but {some} read as U+FFFD: the "
                                "file is damaged"]}
    return {}
