"""The plugin manager and the registries built from it (kinds, readers, formats, packs)."""

from __future__ import annotations

import importlib
from functools import cache

import pluggy

from . import hookspecs


@cache
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("gwlint")
    pm.add_hookspecs(hookspecs)
    from . import builtin

    pm.register(builtin, "gwlint-builtin")
    pm.load_setuptools_entrypoints("gwlint")
    return pm


def _collect(hook_name: str) -> dict:
    """Merge the mappings of every plugin; later-registered (third-party) plugins win."""
    merged: dict = {}
    hook = getattr(plugin_manager().hook, hook_name)
    # pluggy calls the last registered plugin first; merge in reverse so it wins.
    for mapping in reversed(hook()):
        merged.update(mapping or {})
    return merged


def resolve(obj):
    """Turn a lazy ``"module:attribute"`` reference into the object."""
    if isinstance(obj, str) and ":" in obj:
        module, _, attr = obj.partition(":")
        target = importlib.import_module(module)
        for part in attr.split("."):
            target = getattr(target, part)
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


def reset() -> None:
    """Forget registries (tests that register plugins call this)."""
    for fn in (plugin_manager, rule_kinds, readers, formatters, rule_packs):
        fn.cache_clear()
