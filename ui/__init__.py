"""Streamlit building blocks shared by pages (the core library, lmviz, never imports these)."""
