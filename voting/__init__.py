"""Voting: one vote per person per Subject (supports on ideas, likes on posts), with counters kept in step.

A library package without pages of its own: ideas and forums call its services and render its state.
"""
