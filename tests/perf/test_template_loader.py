"""The template loader finds a compiled template's blocks once (frontcms/template_loaders.py)."""

from __future__ import annotations

from unittest import mock

from django.template import engines
from django.template.base import NodeList
from django.template.loader import get_template
from django.test import RequestFactory

from frontcms.template_loaders import IndexedNodeList, Loader


def test_the_project_renders_with_the_indexing_loader():
    loaders = engines["django"].engine.template_loaders
    assert [type(loader) for loader in loaders] == [Loader]


def test_a_page_extending_base_walks_the_base_tree_once(db):
    template = get_template("404.html")  # extends base.html, as every public page does
    request = RequestFactory().get("/khong-co/")
    template.render({}, request)  # base.html's blocks found here, then kept with it
    with mock.patch.object(
        NodeList, "get_nodes_by_type", autospec=True, wraps=NodeList.get_nodes_by_type
    ) as walk:
        first = template.render({}, request)
        second = template.render({}, request)
    assert first == second
    base = engines["django"].engine.get_template("base.html")
    assert isinstance(base.nodelist, IndexedNodeList)
    assert not [call for call in walk.call_args_list if call.args[0] is base.nodelist]


def test_indexed_nodes_answer_as_the_tree_does_and_each_caller_gets_its_own_list():
    from django.template.loader_tags import BlockNode

    base = engines["django"].engine.get_template("base.html")
    walked = NodeList.get_nodes_by_type(base.nodelist, BlockNode)
    first = base.nodelist.get_nodes_by_type(BlockNode)
    assert first == walked and {node.name for node in first} >= {"title", "content", "sidebar"}
    first.clear()
    assert base.nodelist.get_nodes_by_type(BlockNode) == walked
