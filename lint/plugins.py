"""The plugin manager and the registries built from it (kinds, readers, formats, packs)."""

from __future__ import annotations

import importlib
from functools import cache

import pluggy

from . import hookspecs


class PluginError(Exception):
    """A plugin, or an object a plugin names, that cannot be loaded: a one-line message and
    exit status 2, as for a broken rule file."""


#: what a plugin's code (a kind, a reader, a format) raises when it has a bug: any
#: exception, and SystemExit as well (a ``sys.exit()`` in a kind's check ended the run with
#: status 0 and half a report). KeyboardInterrupt is the user's: it goes on.
BUGS = (Exception, SystemExit)


@cache
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("gwlint")
    pm.add_hookspecs(hookspecs)
    from . import builtin

    pm.register(builtin, "gwlint-builtin")
    _ORIGINS.clear()
    for name, module, origin in _entry_points("gwlint"):
        if pm.get_plugin(name) is not None or pm.is_blocked(name):
            continue
        _ORIGINS[name] = origin
        try:
            pm.register(module, name)
        except pluggy.PluginValidationError as exc:  # a hook function that takes arguments
            why = "; ".join(str(exc).splitlines()[1:]) or str(exc)
            raise PluginError(f"{described(name)} cannot be registered: {why}") from None
        except ValueError:  # pluggy: the same object under another name
            other = pm.get_name(module)
            raise PluginError(f"{described(name)} cannot be registered: it is registered "
                              f"already, as plugin {other!r}; declare it once") from None
    return pm


#: entry-point name -> (what it names, the .dist-info or .egg-info folder that declares
#: it), for the plugins registered
_ORIGINS: dict[str, tuple[str, str]] = {}


def distribution(name: str) -> str | None:
    """The .dist-info or .egg-info folder that declares the entry point of plugin ``name``
    (None for gwlint's own, or one registered otherwise)."""
    origin = _ORIGINS.get(name)
    return origin[1] if origin is not None else None


def described(name: str) -> str:
    """A plugin as messages name it: ``plugin 'myoffice' (myoffice_gwlint.plugin,
    installed by myoffice_gwlint-0.1.dist-info)``."""
    import os

    origin = _ORIGINS.get(name)
    if origin is None:
        return f"plugin {name!r}"
    return f"plugin {name!r} ({origin[0]}, installed by {os.path.basename(origin[1])})"


def _entry_points(group: str):
    """(name, loaded object, (value, distribution folder)) for each entry point of
    ``group`` on ``sys.path``.

    What ``pm.load_setuptools_entrypoints`` does, without importing ``importlib.metadata``
    (with its email and zip machinery, ~40 ms: a quarter of a one-file run): the
    ``entry_points.txt`` of each installed distribution is read directly."""
    import os
    import sys

    seen: dict[str, str] = {}  # entry-point name -> the distribution that declares it
    header = f"[{group}]"
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        # in name order, not the file system's, which differs from machine to machine
        for dist in sorted(names):
            if not dist.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder or ".", dist, "entry_points.txt"),
                          encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if header not in text:
                continue
            section = text.split(header, 1)[1].split("\n[", 1)[0]
            for line in section.splitlines():
                name, sep, value = line.partition("=")
                name, value = name.strip(), value.strip()
                if not sep or not name or name.startswith(("#", ";")):
                    continue
                if name in seen:
                    # the same project found twice on sys.path is one; two projects using
                    # one name: the second was left out without a word
                    if _project(seen[name]) != _project(dist):
                        raise PluginError(
                            f"plugin {name!r} is declared by two installed packages, "
                            f"{seen[name]} and {dist}; one of them must name its entry point "
                            "in [project.entry-points.gwlint] otherwise")
                    continue
                seen[name] = dist
                origin = (value, os.path.join(folder or ".", dist))
                try:
                    loaded = resolve(value) if ":" in value else importlib.import_module(value)
                except PluginError:
                    raise
                except Exception as exc:  # its module, or one it imports, is missing or broken
                    _ORIGINS[name] = origin
                    raise PluginError(f"{described(name)} cannot be loaded: "
                                      f"{type(exc).__name__}: {exc}") from None
                yield name, loaded, origin


def _project(dist: str) -> str:
    """A .dist-info or .egg-info folder's project name, normalized (``My_Office-0.1.dist-
    info`` -> ``my-office``)."""
    import re

    return re.sub(r"[-_.]+", "-", dist.rsplit(".", 1)[0].split("-", 1)[0]).lower()


def _collect(hook_name: str) -> dict:
    """Merge the mappings of every plugin; later-registered (third-party) plugins win.

    Each plugin's hook is called here, not through pluggy's hook caller, so that one
    that returns something other than a mapping is named (PluginError)."""
    from collections.abc import Mapping

    merged: dict = {}
    hook = getattr(plugin_manager().hook, hook_name)
    # in the order they were registered: the last one's names win
    for impl in hook.get_hookimpls():
        try:
            mapping = impl.function()
        except BUGS as exc:
            raise PluginError(f"{described(impl.plugin_name)}: its {hook_name} failed: "
                              f"{type(exc).__name__}: {exc}") from None
        if mapping is None:
            continue
        if not isinstance(mapping, Mapping):
            raise PluginError(f"{described(impl.plugin_name)}: its {hook_name} returned a "
                              f"{type(mapping).__name__}, not a mapping of names")
        merged.update(mapping)
    return merged


def resolve(obj):
    """Turn a lazy ``"module:attribute"`` reference into the object."""
    if isinstance(obj, str) and ":" in obj:
        module, _, attr = obj.partition(":")
        try:
            target = importlib.import_module(module)
            for part in attr.split("."):
                target = getattr(target, part)
        except Exception as exc:  # a plugin's registry names what is not there
            raise PluginError(f"cannot load {obj!r}: {type(exc).__name__}: {exc}") from None
        return target
    return obj


@cache
def rule_kinds() -> dict:
    return _collect("gwlint_rule_kinds")


@cache
def readers() -> dict:
    return _collect("gwlint_readers")


@cache
def formatters() -> dict:
    return _collect("gwlint_formatters")


@cache
def rule_packs() -> dict:
    return _collect("gwlint_rule_packs")


def get_kind(name: str):
    return resolve(rule_kinds()[name])


def get_reader(suffix: str):
    ref = readers().get(suffix.lower())
    return resolve(ref) if ref is not None else None


def get_formatter(name: str):
    return resolve(formatters()[name])


def get_pack(name: str):
    """The rule pack registered as ``name`` (a Path or Traversable), None if there is none.
    A plugin may give a file's path as a str, or a ``"module:attribute"`` reference."""
    import os
    from pathlib import Path

    ref = rule_packs().get(name)
    if ref is None:
        return None
    if isinstance(ref, str) and ":" in ref and not os.path.isabs(ref):
        ref = resolve(ref)
    return Path(ref) if isinstance(ref, (str, os.PathLike)) else ref


def reset() -> None:
    """Forget registries (tests that register plugins call this)."""
    for fn in (plugin_manager, rule_kinds, readers, formatters, rule_packs):
        fn.cache_clear()
