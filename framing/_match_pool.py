"""The worker processes of a parallel ``match`` (one pool a session, reused; a fresh one
after a worker died) and its progress bar.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import sys
import types
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# -- processes, progress, dask ---------------------------------------------------------

_POOL: ProcessPoolExecutor | None = None
_POOL_SIZE = 0


def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per session, reused: starting worker processes costs about a second."""
    global _POOL, _POOL_SIZE
    if _POOL is not None and getattr(_POOL, "_broken", False):
        _discard_pool()
    if _POOL is None or _POOL_SIZE != workers:
        if _POOL is not None:
            _POOL.shutdown(cancel_futures=True)
        methods = multiprocessing.get_all_start_methods()
        # Not fork: the parent may hold threads (pyarrow, dask, Jupyter) and locks.
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if context.get_start_method() == "forkserver":
            # The server imports what a worker runs once (the engine, the voice rules:
            # framing._match_worker, no numpy or pandas) and every worker forked from it
            # starts with it loaded. Has no effect if the server is already running.
            context.set_forkserver_preload(["framing._match_worker"])
        _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        _POOL_SIZE = workers
    return _POOL


def _discard_pool() -> None:
    """Forget the session's pool (after one of its processes died)."""
    global _POOL, _POOL_SIZE
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)
    _POOL, _POOL_SIZE = None, 0


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start worker processes without re-running the user's script in them.

    With the forkserver and spawn start methods a new process first re-imports the
    parent's ``__main__`` module from its file. In a script without an
    ``if __name__ == "__main__":`` guard that re-runs the whole script, and its
    ``match(...)`` call then fails ("An attempt has been made to start a new process
    before the current process has finished its bootstrapping phase"). The workers need
    nothing from ``__main__`` (their tasks are framing functions and lists of strings),
    so while the pool starts its processes ``__main__`` is a module with no file to
    re-import. (Jupyter's ``__main__`` has no file anyway.)
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


@atexit.register
def _close_pool() -> None:
    if _POOL is not None:
        _POOL.shutdown(cancel_futures=True)


def pool_running(workers: int) -> bool:
    """True when the session's pool of ``workers`` processes is up (no start-up to pay)."""
    return (
        _POOL is not None
        and _POOL_SIZE == workers
        and not getattr(_POOL, "_broken", False)
        and bool(getattr(_POOL, "_processes", None))
    )


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def set_description_str(self, text: str) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, count: int) -> None:
        return None


def _progress_bar(total: int, progress: bool | None) -> Any:
    if progress is False:
        return _NoBar()
    from tqdm import tqdm

    # None: the bar appears only once the run has taken three seconds.
    return tqdm(total=total, unit="doc", desc="match", delay=0 if progress else 3.0)
