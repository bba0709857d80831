"""Deadlines in time: the occurrences of every task, milestone and target, and who must do what by when."""
