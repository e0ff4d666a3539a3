"""Start a program under resource limits: the launch wrapper of the grading kernel.

Run as a script, not imported: ``python -S limits.py AS_BYTES CPU_SECONDS FSIZE_BYTES
-- COMMAND ...`` sets the limits on itself and replaces itself with COMMAND (the
Jupyter kernel), so the kernel and anything it starts inherit them. A wrapper
rather than a ``preexec_fn``: the grader has threads (zmq), where ``preexec_fn``
is unsafe. Standard library only, and quick to start.
"""

import os
import resource
import sys


def apply(memory: int, cpu: int, fsize: int) -> None:
    """Cap address space, CPU seconds and file size; no core dumps."""
    for limit, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, cpu),
                         (resource.RLIMIT_FSIZE, fsize), (resource.RLIMIT_CORE, 0)):
        if value < 0:
            continue
        _, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        # CPU: the soft limit sends SIGXCPU (the kernel dies), the hard one SIGKILL.
        soft_hard = (value, value + 5) if limit == resource.RLIMIT_CPU else (value, value)
        if hard != resource.RLIM_INFINITY:
            soft_hard = (soft_hard[0], min(soft_hard[1], hard))
        resource.setrlimit(limit, soft_hard)


def main(argv: list[str]) -> None:
    memory, cpu, fsize, separator, *command = argv
    if separator != "--" or not command:
        raise SystemExit("usage: limits.py AS CPU FSIZE -- COMMAND ...")
    apply(int(memory), int(cpu), int(fsize))
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
