"""Reader engagement: view counts, visitor statistics, comments, ratings, polls, citizens' feedback."""
