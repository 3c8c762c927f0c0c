"""The entry point (``streamlit run app.py``): the router in ui/router.py sets the page config,
opens the session's workspace and runs the chosen page (Data, Job map, Opportunities, …)."""

from ui.router import run_router

run_router()
