"""Run a student's notebook in a kernel of its own and collect the answers as it goes.

* The kernel is a separate process, started through `limits.py` with caps on
  memory (RLIMIT_AS), CPU seconds and file size, in a fresh temporary folder that
  holds a copy of the notebook and nothing else (no tests, no grader files).
* Each cell has a time limit; a cell that runs over is interrupted and the run
  carries on. The notebook as a whole has a wall-clock limit. A kernel that
  ignores the interrupt, or dies (``exit()``, ``os._exit``, a kill, a memory
  crash), ends the run; what was extracted before still counts.
* After each code cell the answers are extracted as plain JSON (see `extract`);
  the latest readable snapshot of each question is kept.
* Output is capped per cell, and so is the size of any one kernel message, so a
  flood of output cannot exhaust the grader's memory.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode

from vnsmartcity.grading import extract

LIMITS_SCRIPT = str(Path(__file__).with_name("limits.py"))
MAX_MESSAGE_BYTES = 32 * 2**20  # a larger kernel message is dropped by zmq
MAX_CELL_OUTPUT = 100_000  # characters of output kept per cell
EXTRACT_OUTPUT = extract.MAX_ANSWER_CHARS * 2 + 100_000
KERNEL_STARTUP = 60


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


@dataclass(frozen=True)
class CellEvent:
    """Something that happened in a cell: error, timeout, truncated (output), died, start."""

    kind: str
    cell: int  # 1-based position in the notebook
    head: str  # the cell's first line, to name it for the student
    detail: str = ""


@dataclass
class Run:
    """What a notebook run produced for grading."""

    answers: dict[str, Any] = field(default_factory=dict)  # qid -> latest good snapshot
    events: list[CellEvent] = field(default_factory=list)
    stopped: CellEvent | None = None  # why the run ended early (kind died/timeout/start)
    hung: dict[str, CellEvent] = field(default_factory=dict)  # qid -> extraction that hung


class NotebookTimeout(Exception):
    """The notebook's wall-clock limit was reached."""


class KernelStuck(Exception):
    """The kernel did not stop after an interrupt."""


class _CappedKernelClient(AsyncKernelClient):
    """A kernel client whose sockets drop any message over MAX_MESSAGE_BYTES."""

    def _context_default(self) -> zmq.asyncio.Context:
        self._created_context = True
        context = zmq.asyncio.Context()
        context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        return context


class LimitedKernelManager(AsyncKernelManager):
    """Starts the grader's own Python as the kernel, under resource limits."""

    limits: Limits = Limits()

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        memory = self.limits.memory_mb * 2**20
        cpu = int(self.limits.wall) + 30
        files = self.limits.file_mb * 2**20
        kernel = [sys.executable, "-m", "ipykernel_launcher", "-f",
                  os.path.realpath(self.connection_file), *(extra_arguments or [])]
        return [sys.executable, "-S", LIMITS_SCRIPT, str(memory), str(cpu), str(files), "--",
                *kernel]


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
            msg["content"]["traceback"] = msg["content"].get("traceback", [])[-20:]
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


def _head(cell: NotebookNode) -> str:
    for line in cell.source.splitlines():
        if line.strip():
            line = line.strip().replace("`", "'")
            return line if len(line) <= 50 else line[:47] + "..."
    return ""


def _clean(text: str, workdir: Path) -> str:
    """An error text without run-specific details (paths, addresses), kept short."""
    text = text.replace(str(workdir.resolve()), ".").replace(str(workdir), ".")
    text = re.sub(r"0x[0-9a-fA-F]{6,}", "0x...", text)
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return text if len(text) <= 300 else text[:297] + "..."


def kernel_env() -> dict[str, str]:
    """The kernel's environment: no GUI, one thread per library, fixed hash seed."""
    env = dict(os.environ)
    env.update(MPLBACKEND="Agg", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               MKL_NUM_THREADS="1", NUMEXPR_NUM_THREADS="1", PYTHONHASHSEED="0",
               PYDEVD_DISABLE_FILE_VALIDATION="1")
    for name in ("PYTHONSTARTUP", "PYTHONINSPECT"):
        env.pop(name, None)
    return env


async def _extract(client: GradingClient, scratch: int, wanted: dict, run: Run,
                   event_cell: tuple[int, str]) -> None:
    """Snapshot the answers of `wanted` (all questions not yet hung) into `run`."""
    asked = {qid: spec for qid, spec in wanted.items() if qid not in run.hung}
    if not asked:
        return
    code, nonce = extract.request(asked)
    cell = nbformat.v4.new_code_cell(code)
    client.nb.cells[scratch] = cell
    client.cap = EXTRACT_OUTPUT
    stuck = False
    try:
        await client.async_execute_cell(cell, scratch, store_history=False)
    except KernelStuck:
        stuck = True
        raise
    finally:
        client.cap = MAX_CELL_OUTPUT
        text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")
        found = extract.parse(text, nonce, asked)
        for qid, answer in found.items():
            if not (isinstance(answer, dict) and "__missing__" in answer and qid in run.answers):
                run.answers[qid] = answer
        if stuck or client.interrupts:  # a function answer did not return on its probes
            hung = [qid for qid in asked if qid not in found][:1]
            for qid in hung:
                run.hung[qid] = CellEvent("timeout", *event_cell)


async def _run(nb: NotebookNode, wanted: dict, workdir: Path, private: Path,
               limits: Limits) -> Run:
    run = Run()
    km = LimitedKernelManager(kernel_name="python3",
                              client_class="vnsmartcity.grading.execute._CappedKernelClient")
    km.limits = limits
    km.connection_file = str(private / "kernel.json")
    code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    nb.cells.append(nbformat.v4.new_code_cell(""))
    scratch = len(nb.cells) - 1
    client = GradingClient(
        nb, limits, km=km, timeout=limits.timeout, interrupt_on_timeout=True,
        allow_errors=True, shutdown_kernel="immediate", iopub_timeout=2,
        startup_timeout=KERNEL_STARTUP, record_timing=False,
        resources={"metadata": {"path": str(workdir)}})
    try:
        async with client.async_setup_kernel(env=kernel_env(), stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL):
            client.deadline = time.monotonic() + limits.wall
            for index, cell in code_cells:
                where = (index + 1, _head(cell))
                if not cell.source.strip():
                    continue
                try:
                    if time.monotonic() >= client.deadline:
                        raise NotebookTimeout()
                    await client.async_execute_cell(cell, index)
                    timed_out = client.interrupts > 0
                    if timed_out:
                        run.events.append(CellEvent("timeout", *where))
                    reply_error = [o for o in cell.outputs if o.get("output_type") == "error"]
                    if reply_error and not timed_out:
                        detail = f"{reply_error[0].get('ename', 'Error')}: " \
                                 f"{reply_error[0].get('evalue', '')}"
                        run.events.append(CellEvent("error", *where, _clean(detail, workdir)))
                    if client.truncated:
                        run.events.append(CellEvent("truncated", *where))
                    if client.exit_asked:
                        run.stopped = CellEvent("died", *where, "exit() was called")
                        break
                    await _extract(client, scratch, wanted, run, where)
                except NotebookTimeout:
                    run.stopped = CellEvent("timeout", *where, "notebook time limit")
                    break
                except KernelStuck:
                    run.stopped = CellEvent("timeout", *where, "did not stop when interrupted")
                    break
                except DeadKernelError:
                    run.stopped = CellEvent("died", *where)
                    break
    except Exception as error:  # the kernel could not be started or talked to
        if run.stopped is None:
            run.stopped = CellEvent("start", 0, "", _clean(f"{type(error).__name__}: {error}",
                                                             workdir))
    return run


def _remove(folder: Path) -> None:
    def unlock(function: Any, path: str, _: Any) -> None:
        try:
            os.chmod(path, 0o700)
            function(path)
        except OSError:
            pass

    for root, dirs, _ in os.walk(folder):
        for name in dirs:
            try:
                os.chmod(os.path.join(root, name), 0o700)
            except OSError:
                pass
    shutil.rmtree(folder, onerror=unlock)


def execute(nb: NotebookNode, wanted: dict[str, tuple[str, tuple]], limits: Limits,
            name: str = "notebook.ipynb") -> Run:
    """Run `nb` in a fresh folder and return the answers of `wanted` and what happened."""
    base = Path(tempfile.mkdtemp(prefix="vnsc-grade-"))
    workdir, private = base / "work", base / "kernel"
    workdir.mkdir()
    private.mkdir(mode=0o700)
    try:
        nbformat.write(nb, workdir / name)
        work = nbformat.from_dict(nb)
        for cell in work.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        hard_limit = limits.wall + KERNEL_STARTUP + 60
        try:
            return asyncio.run(asyncio.wait_for(_run(work, wanted, workdir, private, limits),
                                                hard_limit))
        except TimeoutError:
            return Run(stopped=CellEvent("timeout", 0, "", "notebook time limit"))
    finally:
        _remove(base)
