"""OpenCC configs whose dictionary groups are flattened into one dictionary, built once into
the user cache (beside the parsed YAML, see lint.yamlload).

Why: s2t (OpenCC 1.4) converts through a group, the union of STPhrases and
STPhrases_GeneratedFromRegionalPhrases, then STCharacters. Building the group's match
tables costs ~50 ms in every process that meets a traditional document; one .ocd2
dictionary holding the same mapping loads in ~18 ms (bench/PROFILE.md, fourth pass).

Why it is exact: a conversion step replaces, at each position, the entry its dictionary
matches there. For a leaf that is the longest key. For a ``union`` group it is the longest
of its members' matches, the earlier member winning a tie; for a ``short_circuit`` group the
match of the first member that has one. A union flattens, then, to the longest match over
all keys with the earlier member's value for a shared key; a short-circuit group flattens
the same way when no key of a later member is longer than the shortest key of an earlier
one (s2t: phrases of two characters and more, then single characters), and otherwise is
left alone. OpenCC picks an entry's first value, which the merged text keeps in place.
Before a flattened config is used, both configs convert every key of the merged dictionary
(one line each) and must agree; a config that cannot be built here (no ``opencc_dict``, no
cache, another layout, any error) is simply not used, and OpenCC's own config is.

Building takes ~0.5 s, once: it is done only where the cache folder was there before the
run (a machine that keeps it), so a fresh CI runner never pays for a table it would throw
away, and a user's first run is not the slow one.
"""

from __future__ import annotations

import os

from .. import yamlload

# json, subprocess and tempfile are imported where a table is built: a run that finds the
# table in the cache (or meets no traditional document) does not pay for them

#: the configs worth flattening (the others load in a few milliseconds)
FLATTEN = frozenset({"s2t"})


class _CannotFlatten(Exception):
    """A group whose matches one dictionary cannot reproduce."""


def opencc_paths() -> tuple[str, str] | None:
    """(OpenCC's folder of configs and dictionaries, its ``opencc_dict`` tool), from the
    wheel's ``clib`` folder, or None."""
    import opencc

    clib = os.path.join(os.path.dirname(opencc.__file__), "clib")
    share = getattr(opencc, "_opencc_share_dir", None) or os.path.join(clib, "share", "opencc")
    tool = os.path.join(clib, "bin", "opencc_dict")
    if not (os.path.isdir(share) and os.access(tool, os.X_OK)):
        return None
    return share, tool


def flat_config(config: str) -> str | None:
    """The path of a config that converts exactly as OpenCC's ``config`` and loads faster,
    built on first use; None where there is none (see the module's docstring)."""
    folder = yamlload._cache_dir()
    paths = opencc_paths()
    if folder is None or paths is None:
        return None
    share, tool = paths
    source = os.path.join(share, f"{config}.json")
    try:
        stamp = _stamp(source)
    except (OSError, ValueError):
        return None
    name = f"opencc-{config}-{yamlload._cache_key('opencc-flat' + chr(0) + stamp)}"
    target = os.path.join(folder, f"{name}.json")
    if os.path.exists(target):
        return target
    if os.path.exists(f"{target}.unusable"):  # tried before: not again in every process
        return None
    if not yamlload.cache_kept(folder):  # building (~0.5 s) pays off only over many runs
        return None
    import subprocess

    try:
        os.makedirs(folder, exist_ok=True)
        built = flatten(source, tool, folder, name)
    except subprocess.CalledProcessError:
        built = None  # opencc_dict does not work here: not again in every process
    except (OSError, ValueError, RuntimeError, subprocess.SubprocessError):
        return None  # a transient failure (a full disk): try again in a later process
    _write(target if built is not None else f"{target}.unusable", built or "")
    return target if built is not None else None


def _stamp(source: str) -> str:
    """What a flattened config depends on: OpenCC's version, the config and the
    dictionaries beside it (stat only: reading the config would cost more)."""
    import opencc

    parts = [getattr(opencc, "__version__", "")]
    st = os.stat(source)
    parts.append(f"{source}:{st.st_size}:{st.st_mtime_ns}")
    with os.scandir(os.path.dirname(source)) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.endswith((".ocd2", ".ocd", ".txt")):
                st = entry.stat()
                parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\0".join(parts)


def _read_json(path: str) -> dict:
    import json

    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def flatten(source: str, tool: str, folder: str, name: str) -> str | None:
    """The text of a config converting exactly as the config file ``source`` does, with the
    groups of its conversion chain flattened into dictionaries written to ``folder`` (as
    ``{name}-{step}.ocd2``); None when it has no group, or one that cannot be flattened,
    or when the two configs do not convert every key alike."""
    import json
    import tempfile

    spec = _absolute(_read_json(source), os.path.dirname(source))
    steps = spec.get("conversion_chain")
    if not isinstance(steps, list):
        return None
    flattened = False
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        for i, step in enumerate(steps):
            group = step.get("dict") if isinstance(step, dict) else None
            if not (isinstance(group, dict) and group.get("type") == "group"):
                continue
            try:
                mapping = _flatten(group, tool, tmp)[0]
            except _CannotFlatten:
                return None
            text = os.path.join(tmp, f"step{i}.txt")
            with open(text, "w", encoding="utf-8", newline="\n") as handle:
                handle.writelines(f"{k}\t{v}\n" for k, v in sorted(mapping.items()))
            table = os.path.join(tmp, f"step{i}.ocd2")
            _run(tool, "-i", text, "-o", table, "-f", "text", "-t", "ocd2")
            step["dict"] = {"type": "ocd2", "file": table}
            if not _same(source, spec, mapping, tmp):
                return None
            step["dict"]["file"] = os.path.join(folder, f"{name}-{i}.ocd2")
            os.replace(table, step["dict"]["file"])
            flattened = True
    return json.dumps(spec, ensure_ascii=False) if flattened else None


def _absolute(spec, folder: str):
    """The config with its file names joined to ``folder`` (OpenCC reads them from the
    config's own folder; the flattened config lives elsewhere)."""
    if isinstance(spec, dict):
        return {k: (os.path.join(folder, v) if k == "file" and isinstance(v, str)
                    else _absolute(v, folder)) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_absolute(item, folder) for item in spec]
    return spec


def _flatten(spec: dict, tool: str, tmp: str) -> tuple[dict[str, str], int, int]:
    """(key -> values as OpenCC's text dictionaries write them, the shortest and the
    longest key) of a dictionary or group, as the step matches it."""
    kind = spec.get("type")
    if kind == "group":
        members = [_flatten(member, tool, tmp) for member in spec.get("dicts", [])]
        policy = spec.get("match_policy", "short_circuit")
        if policy not in ("union", "short_circuit"):
            raise _CannotFlatten
        merged: dict[str, str] = {}
        shortest, longest = None, 0
        for mapping, low, high in members:
            if not mapping:
                continue
            if policy == "short_circuit" and shortest is not None and high > shortest:
                raise _CannotFlatten  # a later member's longer key would win where it must not
            for k, v in mapping.items():
                merged.setdefault(k, v)  # the earlier member's value for a shared key
            shortest = low if shortest is None else min(shortest, low)
            longest = max(longest, high)
        return merged, shortest or 0, longest
    if kind == "ocd2":
        text = os.path.join(tmp, f"dump{len(os.listdir(tmp))}.txt")
        _run(tool, "-i", spec["file"], "-o", text, "-f", "ocd2", "-t", "text")
    elif kind == "text":
        text = spec["file"]
    else:
        raise _CannotFlatten
    mapping = {}
    with open(text, encoding="utf-8") as handle:
        for line in handle:
            k, tab, v = line.rstrip("\n").partition("\t")
            if not tab or not k:
                raise _CannotFlatten
            mapping.setdefault(k, v)
    lengths = [len(k) for k in mapping] or [0]
    return mapping, min(lengths), max(lengths)


def _same(source: str, spec: dict, mapping: dict[str, str], tmp: str) -> bool:
    """Whether the config file ``source`` and ``spec`` convert every key alike."""
    import json

    import opencc

    path = os.path.join(tmp, "check.json")
    _write(path, json.dumps(spec, ensure_ascii=False))
    sample = "\n".join(mapping)
    return opencc.OpenCC(source).convert(sample) == opencc.OpenCC(path).convert(sample)


def _run(tool: str, *args: str) -> None:
    import subprocess

    subprocess.run([tool, *args], check=True, capture_output=True, timeout=60)


def _write(path: str, text: str) -> None:
    from ..fix import write_atomic

    write_atomic(path, text.encode("utf-8"))
