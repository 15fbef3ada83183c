"""Committees: organisations, terms (khóa / nhiệm kỳ), people, positions and memberships."""
