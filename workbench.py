"""The script every session runs: the router in ui/router.py sets the page config, opens the
session's workspace and runs the chosen page (Data, Job map, Opportunities, …).

``streamlit run app.py`` serves it (app.py: the server, which prepares the first visit as it
starts, ui/startup.py); ``streamlit run workbench.py`` runs the same app without that head start.

Streamlit makes this script ``__main__`` while it runs, and a child process started from the
forkserver (the bounded upload read, core/intake/isolation.py) re-runs ``__main__``'s file as
``__mp_main__`` before its work: the guard keeps that from importing Streamlit and the whole app
into every child (about 1.5 s of each upload check).
"""

if __name__ != "__mp_main__":
    from ui.router import run_router

    run_router()
