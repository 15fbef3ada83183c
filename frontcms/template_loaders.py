"""Django's cached template loader, with each compiled template's nodes indexed by type.

`{% extends %}` looks up every `{% block %}` of the root template (base.html) on every render:
a walk of its whole node tree, about 6% of rendering a page that is not in the page cache. A
compiled template never changes while the loader keeps it, so the answer is kept with it.
"""

from __future__ import annotations

from django.template.base import NodeList
from django.template.loaders import cached


class IndexedNodeList(NodeList):
    """A template's top-level nodes; `get_nodes_by_type()` walks the tree once per type."""

    def __init__(self, nodes: NodeList):
        super().__init__(nodes)
        self.contains_nontext = nodes.contains_nontext
        self._by_type: dict[type, list] = {}

    def get_nodes_by_type(self, nodetype):
        found = self._by_type.get(nodetype)
        if found is None:
            found = self._by_type[nodetype] = super().get_nodes_by_type(nodetype)
        return list(found)  # the caller's own list, as Django's is


class Loader(cached.Loader):
    def get_template(self, template_name, skip=None):
        template = super().get_template(template_name, skip)
        if type(template.nodelist) is NodeList:  # indexed once, when the loader first keeps it
            template.nodelist = IndexedNodeList(template.nodelist)
        return template
