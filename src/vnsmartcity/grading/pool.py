"""Grade submissions in worker processes, each under a deadline the main process keeps.

One fresh worker per submission, forked from the main process (which has every
check module and data table loaded, see `run`), at most `jobs` at a time. The
main process only waits, so a notebook cannot stop the class by stopping its
worker or its kernel: a worker past its deadline is killed (its sandboxed
kernel dies with it) and that submission alone gets a `timeout` result. A worker
that dies is tried once more, in a fresh fork, while the others go on; after a
second death that submission alone gets an `error` result. Workers are in
process groups of their own, so Ctrl-C reaches only the main process, which then
kills them all (`Pool.stop`).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

Item = TypeVar("Item")
TRIES = 2


@dataclass
class _Job(Generic[Item]):
    item: Item
    process: multiprocessing.process.BaseProcess
    result: Connection
    deadline: float
    tries: int


def _work(task: Callable[[Item], dict], item: Item, sink: Connection, memory: int) -> None:
    """In the worker: its own process group, no Ctrl-C, an address-space cap; then grade."""
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    sink.send(task(item))
    sink.close()


class Pool(Generic[Item]):
    """Runs `task(item)` for each item in its own process, `jobs` at a time."""

    def __init__(self, task: Callable[[Item], dict], jobs: int, seconds: float,
                 memory: int) -> None:
        self.task, self.jobs, self.seconds, self.memory = task, jobs, seconds, memory
        self.context = multiprocessing.get_context("fork")
        self.running: list[_Job[Item]] = []

    def _start(self, item: Item, tries: int) -> _Job[Item]:
        source, sink = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_work, args=(self.task, item, sink, self.memory),
                                       daemon=True)
        process.start()
        sink.close()
        return _Job(item, process, source, time.monotonic() + self.seconds, tries)

    @staticmethod
    def _end(job: _Job[Item]) -> None:
        if job.process.is_alive():
            try:
                os.kill(job.process.pid, signal.SIGKILL)  # works on a stopped process too
            except OSError:
                pass
        job.process.join()
        job.result.close()

    def run(self, items: list[Item], done: Callable[[Item, dict], None],
            lost: Callable[[Item, str], None]) -> None:
        """Grade `items`; `done(item, result)` or `lost(item, "killed"/"timeout")` for each."""
        waiting: deque[tuple[Item, int]] = deque((item, 1) for item in items)
        try:
            while waiting or self.running:
                while waiting and len(self.running) < self.jobs:
                    self.running.append(self._start(*waiting.popleft()))
                soonest = min(job.deadline for job in self.running)
                wait([job.result for job in self.running] +
                     [job.process.sentinel for job in self.running],
                     timeout=max(0.0, soonest - time.monotonic()))
                for job in list(self.running):
                    outcome = self._check(job)
                    if outcome is None:
                        continue
                    self.running.remove(job)
                    self._end(job)
                    if isinstance(outcome, dict):
                        done(job.item, outcome)
                    elif outcome == "killed" and job.tries < TRIES:
                        waiting.appendleft((job.item, job.tries + 1))
                    else:
                        lost(job.item, outcome)
        finally:
            self.stop()

    @staticmethod
    def _check(job: _Job[Item]) -> dict | str | None:
        """The job's result, "killed", "timeout", or None while it is still working."""
        alive = job.process.is_alive()  # first: a worker that just ended has sent all it will
        if job.result.poll():
            try:
                return job.result.recv()
            except Exception:  # EOF (died mid-way) or a result that cannot be read back
                return "killed"
        if not alive:
            return "killed"
        if time.monotonic() >= job.deadline:
            return "timeout"
        return None

    def stop(self) -> None:
        """Kill every worker still running (their kernels end with them)."""
        for job in self.running:
            self._end(job)
        self.running.clear()
