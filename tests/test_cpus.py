"""``--jobs``'s default: the CPUs of the affinity mask, capped by a cgroup CPU quota. The
cgroup files are made up here as the kernel writes them (cgroup v2 and v1, a container's
own namespace, nested limits), and read for real where this machine lets a test make a
cgroup of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint import cpus


def machine(tmp_path: Path, cgroup: str, mounts: list[str], files: dict[str, str]) -> str:
    """A /proc/self (its ``cgroup`` and ``mountinfo``) and cgroup file systems under
    ``tmp_path``; mount points and file names are written relative to it."""
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "cgroup").write_text(cgroup)
    root = str(tmp_path)
    (proc / "mountinfo").write_text("".join(line.replace("@", root) + "\n" for line in mounts))
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return str(proc)


V2_CONTAINER = "1016 1011 0:27 / @/sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw,nsdelegate"


@pytest.mark.parametrize(("cpu_max", "quota"), [
    ("100000 100000\n", 1),   # docker run --cpus=1
    ("150000 100000\n", 1),   # --cpus=1.5: rounded down, as Rust's available_parallelism
    ("400000 100000\n", 4),
    ("50000 100000\n", 0),    # half a CPU: available_cpus() makes it 1
    ("max 100000\n", None),   # no limit
])
def test_cgroup_v2_in_a_container(tmp_path, cpu_max, quota):
    proc = machine(tmp_path, "0::/\n", [V2_CONTAINER], {"sys/fs/cgroup/cpu.max": cpu_max})
    assert cpus.cgroup_cpu_quota(proc) == quota


def test_cgroup_v2_the_lowest_limit_of_the_cgroup_and_its_ancestors(tmp_path):
    """A systemd slice limited to 2 CPUs holding a service limited to 3: 2."""
    base = "sys/fs/cgroup/system.slice"
    proc = machine(tmp_path, "0::/system.slice/lint.service\n",
                   ["30 23 0:26 / @/sys/fs/cgroup rw - cgroup2 cgroup2 rw"],
                   {"sys/fs/cgroup/cpu.max": "max 100000\n",  # the root has none: ignored
                    f"{base}/cpu.max": "200000 100000\n",
                    f"{base}/lint.service/cpu.max": "300000 100000\n"})
    assert cpus.cgroup_cpu_quota(proc) == 2
    (tmp_path / base / "cpu.max").write_text("max 100000\n")
    assert cpus.cgroup_cpu_quota(proc) == 3
    (tmp_path / base / "lint.service" / "cpu.max").write_text("max 100000\n")
    assert cpus.cgroup_cpu_quota(proc) is None


def test_cgroup_v1_hybrid_as_on_this_kind_of_host(tmp_path):
    """cgroup v1's cpu controller beside an empty v2 hierarchy (Docker before cgroup v2)."""
    mounts = ["31 23 0:28 / @/sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755",
              "32 31 0:29 / @/sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
              "35 31 0:32 / @/sys/fs/cgroup/memory rw - cgroup cgroup rw,memory",
              "41 31 0:38 / @/sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw"]
    cgroup = "4:memory:/ci/job\n1:cpu,cpuacct:/ci/job\n0::/ci/job\n"
    base = "sys/fs/cgroup/cpu,cpuacct"
    proc = machine(tmp_path, cgroup, mounts, {
        f"{base}/cpu.cfs_quota_us": "-1\n", f"{base}/cpu.cfs_period_us": "100000\n",
        f"{base}/ci/job/cpu.cfs_quota_us": "200000\n",
        f"{base}/ci/job/cpu.cfs_period_us": "100000\n",
        # a quota of the memory hierarchy's is not the cpu controller's: never read
        "sys/fs/cgroup/memory/ci/job/cpu.cfs_quota_us": "100000\n",
        "sys/fs/cgroup/memory/ci/job/cpu.cfs_period_us": "100000\n"})
    assert cpus.cgroup_cpu_quota(proc) == 2
    (tmp_path / base / "ci/job/cpu.cfs_quota_us").write_text("-1\n")
    assert cpus.cgroup_cpu_quota(proc) is None


def test_cgroup_v1_mounted_at_the_containers_own_cgroup(tmp_path):
    """Inside a container without a cgroup namespace, /proc/self/cgroup names the host's
    path and the hierarchy is mounted from that very cgroup (mountinfo's root field)."""
    path = "/docker/0123abcd"
    mounts = [f"700 690 0:29 {path} @/sys/fs/cgroup/cpu ro - cgroup cgroup rw,cpu"]
    proc = machine(tmp_path, f"3:cpu:{path}\n", mounts, {
        "sys/fs/cgroup/cpu/cpu.cfs_quota_us": "100000\n",
        "sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n"})
    assert cpus.cgroup_cpu_quota(proc) == 1
    # a process of another cgroup than the mounted one: that hierarchy says nothing of it
    (Path(proc) / "cgroup").write_text("3:cpu:/elsewhere\n")
    assert cpus.cgroup_cpu_quota(proc) is None


def test_a_mount_point_with_a_space(tmp_path):
    proc = machine(tmp_path, "0::/\n",
                   ["30 23 0:26 / @/my\\040cgroups rw - cgroup2 cgroup2 rw"],
                   {"my cgroups/cpu.max": "300000 100000\n"})
    assert cpus.cgroup_cpu_quota(proc) == 3


@pytest.mark.parametrize("files", [
    {},                                                        # no such file
    {"sys/fs/cgroup/cpu.max": "garbage\n"},
    {"sys/fs/cgroup/cpu.max": "100000 0\n"},
    {"sys/fs/cgroup/cpu.max": "-5 100000\n"},
])
def test_unreadable_or_odd_files_mean_no_quota(tmp_path, files):
    assert cpus.cgroup_cpu_quota(machine(tmp_path, "0::/\n", [V2_CONTAINER], files)) is None


def test_no_proc_no_quota(tmp_path):
    """macOS, Windows, a sandbox without /proc."""
    assert cpus.cgroup_cpu_quota(str(tmp_path / "nowhere")) is None


@pytest.mark.parametrize(("quota", "expected"), [(None, 6), (2, 2), (0, 1), (64, 6)])
def test_available_cpus_is_the_affinity_capped_by_the_quota(monkeypatch, quota, expected):
    monkeypatch.setattr(cpus.os, "process_cpu_count", lambda: 6, raising=False)
    monkeypatch.setattr(cpus.os, "sched_getaffinity", lambda pid: set(range(6)),
                        raising=False)
    monkeypatch.setattr(cpus, "cgroup_cpu_quota", lambda: quota)
    assert cpus.available_cpus() == expected


CPU_V1 = Path("/sys/fs/cgroup/cpu")


def _can_make_a_cgroup() -> bool:
    return (sys.platform.startswith("linux") and os.geteuid() == 0
            and (CPU_V1 / "cpu.cfs_quota_us").exists() and os.access(CPU_V1, os.W_OK))


@pytest.mark.skipif(not _can_make_a_cgroup(),
                    reason="needs root and a writable cgroup v1 cpu hierarchy at "
                           "/sys/fs/cgroup/cpu to make a cgroup with a quota")
def test_a_real_cgroup_quota_as_the_kernel_reports_it():
    """A child process moved into a cgroup given one CPU's worth of time per period."""
    group = CPU_V1 / f"gwlint-test-{os.getpid()}"
    group.mkdir()
    try:
        (group / "cpu.cfs_quota_us").write_text("100000")
        (group / "cpu.cfs_period_us").write_text("100000")
        code = ("import os, sys; open(sys.argv[1] + '/cgroup.procs', 'w').write(str(os.getpid()));"
                "from lint import cpus; print(cpus.cgroup_cpu_quota(), cpus.available_cpus())")
        out = subprocess.run([sys.executable, "-c", code, str(group)], capture_output=True,
                             text=True, check=True).stdout
        assert out.split() == ["1", "1"]
        (group / "cpu.cfs_quota_us").write_text("-1")
        out = subprocess.run([sys.executable, "-c", code, str(group)], capture_output=True,
                             text=True, check=True).stdout
        assert out.split()[0] == str(cpus.cgroup_cpu_quota())  # as outside: no quota here
    finally:
        group.rmdir()  # its processes have ended


def test_a_cgroup_outside_the_namespace_root_is_not_climbed_forever(tmp_path):
    """The kernel writes 0::/../sibling for a process whose cgroup lies outside its cgroup
    namespace; climbing from there never met the mount point (gwlint hung on every run of
    eight files or more)."""
    proc = machine(tmp_path, "0::/../sibling\n", [V2_CONTAINER],
                   {"sys/fs/cgroup/cpu.max": "100000 100000\n"})
    assert cpus.cgroup_cpu_quota(proc) is None
