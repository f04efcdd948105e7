"""Streamlit dashboard: who spoke first, and by how many hours."""
