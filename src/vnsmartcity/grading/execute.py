"""Run a student's notebook in a kernel of its own and collect the answers as it goes.

* The kernel is a separate process under resource limits (see `kernel`), in a
  fresh temporary folder that holds a copy of the notebook and nothing else (no
  tests, no grader files); in a sandbox and a cgroup of its own when the run has
  them (`Isolation`).
* The kernel is shut down when the notebook ends, however it ends, and whatever
  it started is killed with it (its PID namespace ends; its cgroup is emptied).
  nbclient does not do this for a kernel manager it was given.
* Each cell has a time limit; a cell that runs over is interrupted and the run
  carries on. The notebook as a whole has a wall-clock limit. A kernel that
  ignores the interrupt, or dies (``exit()``, ``os._exit``, a kill, a memory
  crash), ends the run; what was extracted before still counts.
* After each code cell the answers are extracted as plain JSON (see `extract`),
  except after cells that only call ``check(...)``, which change no answer; the
  latest readable snapshot of each question is kept.
* Output is capped per cell, and so is the size of any one kernel message, so a
  flood of output cannot exhaust the grader's memory.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode

from vnsmartcity.grading import extract
from vnsmartcity.grading.cgroup import KernelGroup, RunGroup
from vnsmartcity.grading.kernel import (
    CLIENT_CLASS,
    MAX_CELL_OUTPUT,
    GradingClient,
    KernelStuck,
    LimitedKernelManager,
    Limits,
    NotebookTimeout,
    kernel_env,
)
from vnsmartcity.grading.sandbox import Sandbox
from vnsmartcity.grading.scratch import remove

EXTRACT_OUTPUT = extract.MAX_ANSWER_CHARS * 2 + 100_000
KERNEL_STARTUP = 60
GROUP_MEMORY_EXTRA = 512 * 2**20  # the cgroup's cap: the kernel's own limit plus this
GROUP_TASKS = 256  # processes and threads of a kernel and all it starts
MAX_SOCKET_PATH = 100  # a Unix socket's path is at most 107 bytes


@dataclass(frozen=True)
class Isolation:
    """How a run keeps its kernels apart: a sandbox and cgroups, each when available."""

    sandbox: Sandbox | None = None
    groups: RunGroup | None = None

    @property
    def sandboxed(self) -> bool:
        return self.sandbox is not None


UNISOLATED = Isolation()


@dataclass(frozen=True)
class CellEvent:
    """What happened in a cell: error, timeout, truncated (output), died, broken, start."""

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



CHECK_ONLY = re.compile(r"""(?:[ \t]*check\([ \t]*["'][\w.]+["'][ \t]*,[ \t]*"""
                        r"""(?:\w+|"[^"\n]*"|'[^'\n]*')[ \t]*\)[ \t;]*(?:\#.*)?\n?)+""")


def only_checks(source: str) -> bool:
    """Whether a cell does nothing but call `check(...)` on names (it changes no answer)."""
    return bool(CHECK_ONLY.fullmatch(source.strip() + "\n"))


async def _extract(client: GradingClient, scratch: int, module: str, wanted: dict, run: Run,
                   event_cell: tuple[int, str]) -> None:
    """Snapshot the answers of `wanted` (all questions not yet hung) into `run`."""
    asked = {qid: spec for qid, spec in wanted.items() if qid not in run.hung}
    if not asked:
        return
    code, nonce = extract.request(module, asked)
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


async def _run_cell(client: GradingClient, cell: NotebookNode, index: int,
                    where: tuple[int, str], run: Run, workdir: Path) -> None:
    """Run one student cell; note a timeout, an error or a cut output in `run`."""
    if time.monotonic() >= client.deadline:
        raise NotebookTimeout()
    await client.async_execute_cell(cell, index)
    if client.interrupts:
        run.events.append(CellEvent("timeout", *where))
    errors = [o for o in cell.outputs if o.get("output_type") == "error"]
    if errors and not client.interrupts:
        name, value = errors[0].get("ename", "Error"), errors[0].get("evalue", "")
        run.events.append(CellEvent("error", *where,
                                    _clean(f"{name}: {value}" if value else name, workdir)))
    if client.truncated:
        run.events.append(CellEvent("truncated", *where))
    if client.exit_asked:  # the kernel is going away: what follows is not graded
        raise DeadKernelError("exit() was called")


STOPS = {NotebookTimeout: ("timeout", "notebook time limit"),
         KernelStuck: ("timeout", "did not stop when interrupted"),
         DeadKernelError: ("died", "")}


def _kernel_manager(limits: Limits, workdir: Path, private: Path, isolation: Isolation,
                    group: KernelGroup | None) -> LimitedKernelManager:
    km = LimitedKernelManager(kernel_name="python3", client_class=CLIENT_CLASS)
    km.limits, km.work, km.private, km.group = limits, workdir, private, group
    km.connection_file = str(private / "kernel.json")
    if isolation.sandbox is not None:  # no network in the sandbox: Unix sockets in `private`
        km.sandbox = isolation.sandbox
        km.transport = "ipc"
        km.ip = str(private / "kernel-ipc")
        if len(km.ip) + 4 > MAX_SOCKET_PATH:  # relative to `workdir`, the cwd of both ends
            km.ip = os.path.relpath(km.ip, workdir)
    return km


async def _shutdown(km: LimitedKernelManager) -> None:
    """Stop the kernel now, whatever state it is in; never raises."""
    try:
        if km.has_kernel:
            await asyncio.wait_for(km.shutdown_kernel(now=True), 20)
    except Exception:
        pass


async def _run(nb: NotebookNode, wanted: dict, workdir: Path, private: Path,
               limits: Limits, km: LimitedKernelManager) -> Run:
    run = Run()
    code_cells = [(i, c) for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and c.source.strip()]
    nb.cells.append(nbformat.v4.new_code_cell(""))
    scratch = len(nb.cells) - 1
    client = GradingClient(
        nb, limits, km=km, timeout=limits.timeout, interrupt_on_timeout=True,
        allow_errors=True, shutdown_kernel="immediate", iopub_timeout=2,
        store_widget_state=False,
        startup_timeout=KERNEL_STARTUP, record_timing=False,
        resources={"metadata": {"path": str(workdir)}})
    where: tuple[int, str] | None = None
    try:
        async with client.async_setup_kernel(env=kernel_env(private), stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL):
            setup, module = extract.setup()
            nb.cells[scratch] = nbformat.v4.new_code_cell(setup)
            await client.async_execute_cell(nb.cells[scratch], scratch, store_history=False)
            client.deadline = time.monotonic() + limits.wall
            unread = False  # whether a cell ran since the last extraction
            try:
                for index, cell in code_cells:
                    where = (index + 1, _head(cell))
                    await _run_cell(client, cell, index, where, run, workdir)
                    # A cell that only calls check() changes no answer: no need to look.
                    unread = only_checks(cell.source)
                    if not unread:
                        await _extract(client, scratch, module, wanted, run, where)
                if unread and where is not None:
                    await _extract(client, scratch, module, wanted, run, where)
            except tuple(STOPS) as stop:
                kind, detail = STOPS[type(stop)]
                detail = "exit() was called" if str(stop) == "exit() was called" else detail
                run.stopped = CellEvent(kind, *(where or (0, "")), detail)
    except Exception as error:  # the kernel could not be started, or sent garbage
        if run.stopped is None:
            detail = _clean(f"{type(error).__name__}: {error}", workdir)
            run.stopped = (CellEvent("broken", *where, detail) if where
                           else CellEvent("start", 0, "", detail))
    return run


async def _run_limited(nb: NotebookNode, wanted: dict, workdir: Path, private: Path,
                       limits: Limits, km: LimitedKernelManager, seconds: float) -> Run:
    """`_run` under a hard time limit; the kernel is stopped either way."""
    try:
        return await asyncio.wait_for(_run(nb, wanted, workdir, private, limits, km), seconds)
    finally:
        await _shutdown(km)


def execute(nb: NotebookNode, wanted: dict[str, tuple[str, tuple]], limits: Limits,
            name: str = "notebook.ipynb", root: Path | None = None,
            isolation: Isolation = UNISOLATED) -> Run:
    """Run `nb` in a fresh folder (under `root`) and return the answers of `wanted`."""
    base = Path(tempfile.mkdtemp(prefix="vnsc-grade-", dir=root))
    workdir, private = base / "work", base / "kernel"
    workdir.mkdir()
    private.mkdir(mode=0o700)
    group = isolation.groups.kernel(base.name, limits.memory_mb * 2**20 + GROUP_MEMORY_EXTRA,
                                    GROUP_TASKS) if isolation.groups else None
    try:
        nbformat.write(nb, workdir / name)
        work = nbformat.from_dict(nb)
        for cell in work.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        hard_limit = limits.wall + KERNEL_STARTUP + 60
        km = _kernel_manager(limits, workdir, private, isolation, group)
        cwd = os.getcwd()
        try:
            if not os.path.isabs(km.ip):
                os.chdir(workdir)
            return asyncio.run(_run_limited(work, wanted, workdir, private, limits, km,
                                            hard_limit))
        except TimeoutError:
            return Run(stopped=CellEvent("timeout", 0, "", "notebook time limit"))
        finally:
            os.chdir(cwd)
    finally:
        if group is not None:
            group.close()  # whatever the kernel started, if anything escaped its namespace
        remove(base)
