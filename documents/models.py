"""The official-document library: plans, decisions, notices the college issues or cites."""
