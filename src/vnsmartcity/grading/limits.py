"""Start a program under resource limits: the launch wrapper of the grading kernel.

Run as a script, not imported: ``python -S limits.py AS_BYTES CPU_SECONDS FSIZE_BYTES
-- COMMAND ...`` sets the limits on itself and replaces itself with COMMAND (the
Jupyter kernel), so the kernel and anything it starts inherit them. A wrapper
rather than a ``preexec_fn``: the grader has threads (zmq), where ``preexec_fn``
is unsafe. Standard library only, and quick to start.

``python -S limits.py --join PROCS_FILE ... -- COMMAND`` is the outer step of a
sandboxed kernel: it joins the kernel's cgroups (writes its pid into each
``cgroup.procs``) and ignores SIGINT, then becomes COMMAND (bubblewrap). The
grader interrupts a cell by signalling the kernel's whole process group; without
this, that signal would end bubblewrap, and the sandbox with it. The inner step
(the first form) gives SIGINT back to the kernel.
"""

import os
import resource
import signal
import sys

PROCESS_HEADROOM = 512  # processes and threads the kernel may add to the user's count


def _user_tasks() -> int:
    """Processes and threads this user runs now (Linux /proc), or -1 if unknown."""
    count, uid = 0, os.getuid()
    try:
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        count += len(os.listdir(f"/proc/{entry.name}/task"))
                except OSError:
                    continue
    except OSError:
        return -1
    return count


def apply(memory: int, cpu: int, fsize: int) -> None:
    """Cap address space, CPU seconds, file size and new processes; no core dumps.

    The process cap (against fork bombs) counts all of the user's processes, so
    it is set to what runs now plus a headroom; the system ignores it for root.
    """
    tasks = _user_tasks()
    nproc = tasks + PROCESS_HEADROOM if tasks > 0 else -1
    for limit, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, cpu),
                         (resource.RLIMIT_FSIZE, fsize), (resource.RLIMIT_CORE, 0),
                         (getattr(resource, "RLIMIT_NPROC", None), nproc)):
        if limit is None or value < 0:
            continue
        _, hard = resource.getrlimit(limit)
        unlimited = hard == resource.RLIM_INFINITY
        soft = value if unlimited else min(value, hard)
        # CPU: the soft limit sends SIGXCPU (the kernel dies), the hard one SIGKILL.
        ceiling = soft + 5 if limit == resource.RLIMIT_CPU else soft
        resource.setrlimit(limit, (soft, ceiling if unlimited else min(ceiling, hard)))


def join(argv: list[str]) -> list[str]:
    """Join the cgroups named before "--" and ignore SIGINT; the command after "--"."""
    separator = argv.index("--")
    for procs in argv[1:separator:2]:
        with open(procs, "w") as stream:
            stream.write(str(os.getpid()))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return argv[separator + 1:]


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--join":
        command = join(argv)
        os.execv(command[0], command)
    memory, cpu, fsize, separator, *command = argv
    if separator != "--" or not command:
        raise SystemExit("usage: limits.py AS CPU FSIZE -- COMMAND ...")
    apply(int(memory), int(cpu), int(fsize))
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # so Python in the kernel handles Ctrl-C
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
