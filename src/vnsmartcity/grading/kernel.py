"""The grading kernel: a Jupyter kernel under limits, and a client that keeps it in check.

* `LimitedKernelManager` starts the grader's own Python (so the course package
  and its data are there, whatever kernelspec the notebook names) through
  `limits.py`, which caps memory (RLIMIT_AS), CPU seconds, file size and
  processes before it becomes the kernel; in the sandbox (`sandbox`) when there
  is one, in its own cgroup (`cgroup`) when there is one.
* `GradingClient` is nbclient with a per-cell timeout that interrupts and carries
  on, a deadline for the whole notebook, a second timeout after an ignored
  interrupt that gives up (`KernelStuck`), output capped per cell, and a zmq cap
  on the size of any one message (`MAX_MESSAGE_BYTES`), with a reconnection
  after zmq dropped an oversized one. Widget messages are dropped.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbformat import NotebookNode

from vnsmartcity.grading.cgroup import KernelGroup
from vnsmartcity.grading.sandbox import Sandbox, kernel_variables, prepare

LIMITS_SCRIPT = str(Path(__file__).with_name("limits.py"))
MAX_MESSAGE_BYTES = 32 * 2**20  # a larger kernel message is dropped by zmq
MAX_CELL_OUTPUT = 100_000  # characters of output kept per cell
CLIENT_CLASS = "vnsmartcity.grading.kernel.CappedKernelClient"


@dataclass(frozen=True)
class Limits:
    """Time and resource limits of one notebook run."""

    timeout: float = 60  # seconds per cell
    notebook_timeout: float | None = None  # seconds for the whole notebook (10x timeout)
    memory_mb: int = 2048  # address space of the kernel
    file_mb: int = 256  # largest file the kernel may write

    @property
    def wall(self) -> float:
        return self.notebook_timeout if self.notebook_timeout is not None else 10 * self.timeout


class NotebookTimeout(Exception):
    """The notebook's wall-clock limit was reached."""


class KernelStuck(Exception):
    """The kernel did not stop after an interrupt."""


class CappedKernelClient(AsyncKernelClient):
    """A kernel client whose sockets drop any message over MAX_MESSAGE_BYTES."""

    def _context_default(self) -> zmq.asyncio.Context:
        self._created_context = True
        context = zmq.asyncio.Context()
        context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        return context


class LimitedKernelManager(AsyncKernelManager):
    """Starts the grader's own Python as the kernel, under resource limits.

    With `sandbox` set, the kernel runs in it, with `work` and `private` (its
    connection file, sockets and IPython folder) as its only writable folders;
    with `group` set, the kernel and all it starts are in those cgroups.
    """

    limits: Limits = Limits()
    sandbox: Sandbox | None = None
    group: KernelGroup | None = None
    work: Path = Path(".")
    private: Path = Path(".")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        memory = self.limits.memory_mb * 2**20
        cpu = int(self.limits.wall) + 30
        files = self.limits.file_mb * 2**20
        kernel = [sys.executable, "-m", "ipykernel_launcher", "-f",
                  os.path.realpath(self.connection_file), *(extra_arguments or [])]
        limited = [sys.executable, "-S", LIMITS_SCRIPT, str(memory), str(cpu), str(files), "--",
                   *kernel]
        if self.sandbox is None and self.group is None:
            return limited
        joins = [a for f in (self.group.procs_files if self.group else []) for a in ("--join", f)]
        outer = [sys.executable, "-S", LIMITS_SCRIPT, *joins, "--join", "--"]
        if self.sandbox is None:
            return [*outer, *limited]
        env = kernel_variables({**kernel_settings(self.private), **prepare(self.private)})
        return [*outer, *self.sandbox.command(limited, self.work, self.private, env)]


def _size(content: dict) -> int:
    if "text" in content:
        return len(content["text"])
    total = 0
    for key in ("data", "traceback", "evalue"):
        value = content.get(key)
        if isinstance(value, dict):
            total += sum(len(v) if isinstance(v, str) else len(str(v)) for v in value.values())
        elif isinstance(value, list):
            total += sum(len(str(v)) for v in value)
        elif isinstance(value, str):
            total += len(value)
    return total


class GradingClient(NotebookClient):
    """nbclient with output caps, a notebook deadline and a bounded interrupt."""

    def __init__(self, nb: NotebookNode, limits: Limits, **kw: Any) -> None:
        super().__init__(nb, **kw)
        self.limits = limits
        self.deadline = float("inf")
        self.cap = MAX_CELL_OUTPUT
        self.stored = 0
        self.truncated = False
        self.interrupts = 0
        self.idle_seen = False
        self.exit_asked = False
        self.timeout_func = self._cell_timeout
        self.on_cell_executed = self._note_reply

    def handle_comm_msg(self, outs: list, msg: dict, cell_index: int) -> None:
        """Drop widget (comm) messages: nothing graded is in them, and nbclient would keep
        every widget's state in the grader's memory or fail on a malformed one."""

    def _note_reply(self, cell: NotebookNode, cell_index: int, execute_reply: dict) -> None:
        payload = (execute_reply or {}).get("content", {}).get("payload") or []
        self.exit_asked = any(p.get("source") == "ask_exit" for p in payload
                              if isinstance(p, dict))

    def _cell_timeout(self, cell: NotebookNode) -> float:
        return max(0.01, min(self.limits.timeout, self.deadline - time.monotonic()))

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int,
                                 execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
        self.stored, self.truncated, self.interrupts = 0, False, 0
        self.idle_seen = self.exit_asked = False
        result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if not self.idle_seen:
            await self._reconnect_iopub()
        return result

    def process_message(self, msg: dict, cell: NotebookNode, cell_index: int) -> Any:
        if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
            self.idle_seen = True
        return super().process_message(msg, cell, cell_index)

    async def _reconnect_iopub(self) -> None:
        """Connect output again after zmq dropped it (a message over MAX_MESSAGE_BYTES)."""
        assert self.kc is not None
        self.kc.iopub_channel.close()
        self.kc._iopub_channel = None
        await self.kc.wait_for_ready(timeout=10)

    def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> Any:
        if msg["msg_type"] == "error":  # always kept, so the error can be reported
            content = msg["content"]
            content["traceback"] = [str(line)[:2000] for line in content.get("traceback", [])[-20:]]
            content["evalue"] = str(content.get("evalue", ""))[:2000]
            return super().output(outs, msg, display_id, cell_index)
        size = _size(msg["content"])
        if self.stored + size > self.cap:
            if not self.truncated:
                self.truncated = True
                outs.append(nbformat.v4.new_output(
                    "stream", name="stderr", text="[output truncated by the grader]\n"))
            return None
        self.stored += size
        return super().output(outs, msg, display_id, cell_index)

    async def _async_handle_timeout(self, timeout: float, cell: NotebookNode | None = None) -> Any:
        if time.monotonic() >= self.deadline - 0.05:
            raise NotebookTimeout()
        self.interrupts += 1
        if self.interrupts > 1:
            raise KernelStuck()
        return await super()._async_handle_timeout(timeout, cell)


def kernel_settings(private: Path) -> dict[str, str]:
    """What the kernel's environment must say: no GUI, one thread per library, fixed seed.

    IPython's folder is a new, empty one in the kernel's `private` folder: no
    startup file or configuration from the grader's profile (or planted in it)
    runs, and what the kernel writes there is gone after it.
    """
    return {"MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "IPYTHONDIR": str(private / "ipython")}


def kernel_env(private: Path) -> dict[str, str]:
    """The environment of the process that starts the kernel (in the sandbox: bwrap)."""
    env = dict(os.environ)
    env.update(kernel_settings(private))
    for name in ("PYTHONSTARTUP", "PYTHONINSPECT"):
        env.pop(name, None)
    return env
