"""Scoring, segments and their profiles, need clusters, competition, willingness to pay."""
