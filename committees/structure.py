"""Shapes the committees pages need: the organisation tree, a term's roster, term comparison.

Everything here works on lists already fetched (one query each), so pages stay at a bounded
number of queries however many organisations and members there are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from frontcms.text import given_name_key, sort_by_given_name

from .models import EntryKind, Membership, Organization, Term


@dataclass
class TreeNode:
    org: Organization
    children: list[TreeNode] = field(default_factory=list)


def build_tree(orgs: list[Organization]) -> list[TreeNode]:
    """Nest `orgs` by parent; an organisation whose parent is not in the list becomes a root."""
    nodes = {org.pk: TreeNode(org) for org in orgs}
    roots: list[TreeNode] = []
    for org in orgs:
        parent = nodes.get(org.parent_id)
        (parent.children if parent else roots).append(nodes[org.pk])
    return roots


def rank_key(membership: Membership) -> tuple:
    return (membership.position.rank, membership.order, given_name_key(membership.person.full_name))


def leadership(memberships: list[Membership]) -> list[Membership]:
    """Leadership positions in rank order (Chủ tịch, Phó Chủ tịch, Ủy viên Ban Thường trực, …)."""
    return sorted((m for m in memberships if m.position.is_leadership), key=rank_key)


@dataclass
class RosterEntry:
    person: object
    memberships: list[Membership]

    @property
    def positions(self) -> str:
        return ", ".join(dict.fromkeys(m.position.name for m in self.memberships))


def roster(memberships: list[Membership]) -> list[RosterEntry]:
    """One entry per person, sorted the Vietnamese way (by given name)."""
    by_person: dict[int, RosterEntry] = {}
    for m in sorted(memberships, key=rank_key):
        by_person.setdefault(m.person_id, RosterEntry(m.person, [])).memberships.append(m)
    return sort_by_given_name(by_person.values(), key=lambda e: e.person.full_name)


@dataclass
class Composition:
    total: int
    full_time: int
    part_time: int
    representatives: list[tuple[Organization, int]]
    by_position: list[tuple[str, int]]


def composition(memberships: list[Membership]) -> Composition:
    people = {m.person_id for m in memberships}
    full_time = {m.person_id for m in memberships if m.is_full_time}
    reps: Counter = Counter()
    rep_orgs: dict[int, Organization] = {}
    for m in memberships:
        if m.represents_id:
            reps[m.represents_id] += 1
            rep_orgs[m.represents_id] = m.represents
    positions: dict[str, set] = defaultdict(set)
    ranks: dict[str, int] = {}
    for m in memberships:
        positions[m.position.name].add(m.person_id)
        ranks[m.position.name] = m.position.rank
    return Composition(
        total=len(people),
        full_time=len(full_time),
        part_time=len(people - full_time),
        representatives=sorted(((rep_orgs[pk], n) for pk, n in reps.items()), key=lambda p: p[0].name),
        by_position=sorted(((name, len(ids)) for name, ids in positions.items()), key=lambda p: ranks[p[0]]),
    )


@dataclass
class TermComparison:
    term: Term
    previous: Term | None
    carried_over: list[RosterEntry]
    new: list[RosterEntry]
    left: list[RosterEntry]
    additions: list[Membership]
    replacements: list[Membership]
    composition: Composition
    previous_composition: Composition | None


def compare_terms(term: Term, previous: Term | None, memberships: list[Membership]) -> TermComparison:
    """Who carried over from `previous`, who is new, who left, who was added or replaced mid-term.

    `memberships` holds the memberships of both terms (fetched in one query)."""
    current = [m for m in memberships if m.term_id == term.pk]
    before = [m for m in memberships if previous and m.term_id == previous.pk]
    # Mid-term additions and replacements are not "elected at the congress": compare those.
    elected_now = {m.person_id for m in current if m.entry_kind == EntryKind.ELECTED}
    all_now = {m.person_id for m in current}
    all_before = {m.person_id for m in before}
    return TermComparison(
        term=term,
        previous=previous,
        carried_over=roster([m for m in current if m.person_id in all_before]),
        new=roster([m for m in current if m.person_id in elected_now and m.person_id not in all_before]),
        left=roster([m for m in before if m.person_id not in all_now]),
        additions=sorted(
            (m for m in current if m.entry_kind == EntryKind.ADDITION), key=lambda m: m.start_date
        ),
        replacements=sorted(
            (m for m in current if m.entry_kind == EntryKind.REPLACEMENT), key=lambda m: m.start_date
        ),
        composition=composition(current),
        previous_composition=composition(before) if previous else None,
    )
