"""Engines that run a collection's jobs: this process, a pool of local processes, or Dask.

Every engine runs the same pure function, `batch.run_job`, on the same `Job`s
and hands each `Record` to `on_done` as it arrives, so the editions are the
same bytes whichever engine built them.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import signal
from collections.abc import Callable
from pathlib import Path

from edition.collection.batch import Job, Record, run_job
from edition.errors import EngineError

OnDone = Callable[[Record], None]


def _warm() -> None:
    """Import the pipeline and load the word list in the parent, once, so forked workers share
    them: a serial build pays this once too, where each worker would pay it again."""
    import edition.build
    import edition.pipeline
    import edition.write.tei  # noqa: F401
    from edition.rules.lexicon import zipf

    zipf("the")


def _failed(job: Job, err: BaseException) -> Record:
    """The record of a job whose worker died or raised what run_job never raises."""
    return Record(job.source, "failed", error=f"{job.source}: worker failed: {err!r}", exit_code=1)


def _size(job: Job) -> int:
    """A job's source size in bytes (0 when it cannot be read: its build will say why)."""
    path = Path(job.source)
    try:
        if path.is_dir():
            return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        return path.stat().st_size
    except OSError:
        return 0


def largest_first(jobs: list[Job]) -> list[Job]:
    """Jobs in decreasing size: the longest books start first, so no worker is left with a
    long book at the end while the others idle."""
    return sorted(jobs, key=_size, reverse=True)


def run_serial(jobs: list[Job], on_done: OnDone) -> None:
    """Each job in this process, in order."""
    for job in jobs:
        on_done(run_job(job))


#: Seconds between checks for a finished book while waiting (an interrupt is seen at once:
#: the wait itself is interruptible).
POLL_SECONDS = 0.1


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops every worker itself (a worker
    that caught it would die mid-record, and the parent could not tell which book it held)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run_local(jobs: list[Job], workers: int, on_done: OnDone) -> None:
    """The jobs on `workers` local processes (this process when one is enough).

    On Ctrl-C or SIGTERM (KeyboardInterrupt in this process) the workers are killed at once
    and books not started are never started; the caller keeps the records it was handed.
    """
    if workers <= 1 or len(jobs) <= 1:
        run_serial(jobs, on_done)
        return
    # fork, from a parent that has loaded what every build needs (measured over four
    # interleaved rounds: 1.87x against 1.78x when each worker loads its own); the parent runs
    # no other thread when it forks (the progress bar refreshes from this thread)
    if "fork" in multiprocessing.get_all_start_methods():
        _warm()
        # the parent's objects stay out of the workers' garbage collections, so their pages are
        # shared, not copied (measured: median 1.98x against 1.89x in process, five rounds)
        gc.freeze()
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    finished: queue.SimpleQueue[tuple[Job, Record | BaseException]] = queue.SimpleQueue()
    pool = context.Pool(min(workers, len(jobs)), initializer=_ignore_interrupts)
    try:
        for job in largest_first(jobs):
            pool.apply_async(run_job, (job,),
                             callback=lambda record, job=job: finished.put((job, record)),
                             error_callback=lambda err, job=job: finished.put((job, err)))
        for _ in jobs:
            while True:
                try:
                    job, outcome = finished.get(timeout=POLL_SECONDS)
                    break
                except queue.Empty:
                    continue
            on_done(_failed(job, outcome) if isinstance(outcome, BaseException) else outcome)
    except BaseException:
        pool.terminate()  # SIGTERM to every worker: a book in progress is abandoned, not waited
        raise
    else:
        pool.close()
    finally:
        pool.join()
        gc.unfreeze()


def run_dask(jobs: list[Job], address: str | None, workers: int, on_done: OnDone) -> None:
    """The jobs on a Dask cluster: the scheduler at `address`, or a local cluster of `workers`
    single-threaded worker processes. Sources and output directory must be paths the workers
    can reach."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise EngineError("the dask engine needs dask.distributed: "
                          "pip install 'edition[dask]'") from None
    cluster = None
    try:
        if address:
            client = Client(address, timeout="10s")
        else:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as err:
        raise EngineError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        ordered = largest_first(jobs)
        futures = client.map(run_job, ordered, pure=False)
        job_of = {f.key: job for f, job in zip(futures, ordered, strict=True)}
        for future in as_completed(futures):
            job = job_of[future.key]
            if future.status == "finished":
                on_done(future.result())
            else:
                on_done(_failed(job, future.exception()))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
