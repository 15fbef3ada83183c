"""Events: training sessions, conferences, dialogues, congresses, their reports; the document library."""
