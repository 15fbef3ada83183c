"""robots.txt: the paths search engines are asked to leave alone.

Apps add theirs in `AppConfig.ready()` (`disallow(function)`, the function returning a path),
so that robots.txt names the paths as the URLconf really has them.
"""

from __future__ import annotations

from collections.abc import Callable

_private_paths: list[Callable[[], str]] = []


def disallow(path: Callable[[], str]) -> None:
    if path not in _private_paths:
        _private_paths.append(path)


def disallowed_paths() -> list[str]:
    return [path() for path in _private_paths]
