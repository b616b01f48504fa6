"""OR-Tools in a process of its own.

OR-Tools stops the whole process on an internal check failure; the web server must not stop with
it. One spawned worker is kept per process and reused, so isolation costs a start-up once.
"""

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from django.utils.translation import gettext

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


@dataclass(frozen=True)
class SolverMessage:
    """What a solver has to say. The solver's process has no Django translations, so the text
    crosses back untranslated (marked with gettext_noop) and is translated when shown."""

    text: str
    params: tuple = ()

    def __str__(self) -> str:
        return gettext(self.text) % dict(self.params) if self.params else gettext(self.text)


class SolverStopped(Exception):
    """The solver's process ended without an answer."""


def run_isolated[T](function: Callable[..., T], /, *args, **kwargs) -> T:
    """function(*args, **kwargs) in the solver process; a module-level function on plain data."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        pool = _pool
    try:
        return pool.submit(function, *args, **kwargs).result()
    except BrokenProcessPool:
        with _lock:
            if _pool is pool:
                _pool = None  # the next call starts a fresh process
        raise SolverStopped from None
