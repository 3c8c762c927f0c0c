"""Pure chart builders: DataFrames in, Altair charts or Vega-Lite specs out; no Streamlit here
(tests/unit/test_architecture.py checks it). The Streamlit shell is the rest of ui/."""
