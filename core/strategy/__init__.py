"""The job map, the focus matrix and its scenarios, and the frameworks that follow."""
