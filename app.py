"""The server: ``streamlit run app.py`` (``make run``, and Streamlit Community Cloud's main file).

Streamlit finds the ``st.App`` below and serves it (uvicorn): every session runs
``workbench.py``, the router and its pages. As the server starts, before anyone visits, it begins
preparing the first visit on a background thread (ui/startup.py): the app's imports, the bundled
sample's database and the first screens' views, which a just-started server's first visitor
otherwise waited for (issue 12.5). ``streamlit run workbench.py`` runs the same app without it.
"""

import streamlit as st

from ui.startup import lifespan

app = st.App("workbench.py", lifespan=lifespan)
