"""Vote: the participants' page, opened by the vote link; not in the navigation (ui/vote_page.py)."""

from ui.router import workspace
from ui.vote_page import vote_body

vote_body(workspace())
