"""How many CPUs this process may use: the default of ``--jobs``.

Not the machine's CPUs (``os.cpu_count``) but those of the affinity mask (``taskset``, a
container's cpuset), capped on Linux by a cgroup's CPU bandwidth quota: ``docker run
--cpus=1`` or a Kubernetes CPU limit leaves every CPU in the mask but lets the container's
processes run for only one CPU's worth of time per period. A worker beyond that only
competes with the parent for the same time and is throttled with it (5 MB under a quota of
one CPU of two: 762 ms with a worker, 685 ms without). The quota is rounded down to whole
CPUs, at least one, as Rust's ``std::thread::available_parallelism`` does; both cgroup v2
(``cpu.max``) and v1 (``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``) are read, the lowest
limit of the process's cgroup and its ancestors counting.
"""

from __future__ import annotations

import os

PROC = "/proc/self"


def available_cpus() -> int:
    """The CPUs this process may run on, capped by its cgroup's CPU quota; at least 1."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13
    if count is not None:
        cpus = count() or 1
    else:
        try:
            cpus = len(os.sched_getaffinity(0)) or 1
        except (AttributeError, OSError):  # macOS, Windows: no affinity to ask
            cpus = os.cpu_count() or 1
    quota = cgroup_cpu_quota()
    return cpus if quota is None else max(1, min(cpus, quota))


def cgroup_cpu_quota(proc: str = PROC) -> int | None:
    """Whole CPUs' worth of time the cgroups of this process allow (rounded down, may be
    0), or None: no quota, not Linux, or nothing readable."""
    try:
        with open(os.path.join(proc, "cgroup"), encoding="utf-8") as handle:
            memberships = handle.read().splitlines()
        with open(os.path.join(proc, "mountinfo"), encoding="utf-8") as handle:
            mounts = handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    v2_path, v1_paths = None, {}
    for line in memberships:  # "hierarchy-ID:controller-list:cgroup-path"
        number, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if number == "0" and not controllers:
            v2_path = path
        else:
            for controller in controllers.split(","):
                v1_paths[controller] = path
    lowest = None
    for mount in mounts:
        point, root, fstype, options = _mount(mount)
        if fstype == "cgroup2" and v2_path is not None:
            quota = _lowest(point, root, v2_path, _v2_quota)
        elif fstype == "cgroup" and "cpu" in options and "cpu" in v1_paths:
            quota = _lowest(point, root, v1_paths["cpu"], _v1_quota)
        else:
            continue
        if quota is not None and (lowest is None or quota < lowest):
            lowest = quota
    return None if lowest is None else int(lowest)


def _mount(line: str) -> tuple[str, str, str, set[str]]:
    """(mount point, root within its file system, file system type, super options) of a
    line of /proc/self/mountinfo (proc(5))."""
    fields, _, tail = line.partition(" - ")
    fields, tail = fields.split(), tail.split()
    if len(fields) < 5 or len(tail) < 3:
        return "", "", "", set()
    return _unescape(fields[4]), _unescape(fields[3]), tail[0], set(tail[2].split(","))


def _unescape(field: str) -> str:
    """A path of mountinfo, where the kernel writes space, tab, newline and backslash as
    octal escapes."""
    if "\\" not in field:
        return field
    for code in ("040", "011", "012", "134"):
        field = field.replace("\\" + code, chr(int(code, 8)))
    return field


def _lowest(point: str, root: str, path: str, read) -> float | None:
    """The lowest quota, in CPUs, of the cgroup ``path`` and its ancestors, in the
    hierarchy mounted at ``point`` (whose ``root`` is that cgroup or an ancestor; a
    container sees its own cgroup as /)."""
    root = root.rstrip("/") + "/"
    if not (path + "/").startswith(root) or "/../" in path + "/":
        # a hierarchy mounted from elsewhere, or a cgroup outside this namespace's root
        # (the kernel writes 0::/../sibling): this cgroup is not in the mounted tree
        return None
    top = os.path.normpath(point)
    folder = os.path.normpath(os.path.join(top, path[len(root):]))
    lowest = None
    while True:
        quota = read(folder)
        if quota is not None and (lowest is None or quota < lowest):
            lowest = quota
        if folder == top or not folder.startswith(top + "/"):
            return lowest
        folder = os.path.dirname(folder)


def _v2_quota(folder: str) -> float | None:
    """cpu.max: "max 100000" (no limit) or "$QUOTA $PERIOD" in microseconds."""
    text = _read(os.path.join(folder, "cpu.max"))
    parts = text.split() if text else []
    if len(parts) != 2 or parts[0] == "max":
        return None
    return _ratio(parts[0], parts[1])


def _v1_quota(folder: str) -> float | None:
    """cpu.cfs_quota_us (-1: no limit) over cpu.cfs_period_us."""
    quota = _read(os.path.join(folder, "cpu.cfs_quota_us"))
    if quota is None or quota.strip() == "-1":
        return None
    return _ratio(quota, _read(os.path.join(folder, "cpu.cfs_period_us")) or "")


def _ratio(quota: str, period: str) -> float | None:
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:
        return None
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="ascii") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
