"""Home-page blocks contributed by the apps.

The home page belongs to the core, but its content (latest news, upcoming events, …) belongs to
the apps. Each app registers its blocks in `AppConfig.ready()`; the home view renders them in
`order`. This keeps the dependency pointing from the apps to the core, never back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeBlock:
    name: str
    template: str
    get_context: Callable[[HttpRequest], dict[str, Any]]
    order: int = 100
    region: str = "main"  # "main": the home page body; "aside": the sidebar of every page


@dataclass
class RenderedBlock:
    name: str
    template: str
    region: str
    data: dict[str, Any] = field(default_factory=dict)


_registry: dict[str, HomeBlock] = {}


def register(block: HomeBlock) -> None:
    _registry[block.name] = block


def blocks(request: HttpRequest, region: str = "main") -> list[RenderedBlock]:
    """The blocks registered for `region`, in order, each with the data its template needs."""
    ordered = sorted((b for b in _registry.values() if b.region == region), key=lambda b: (b.order, b.name))
    return [RenderedBlock(b.name, b.template, b.region, b.get_context(request)) for b in ordered]
