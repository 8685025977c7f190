"""Checks the content of the Union of NGOs missions and builds its bilingual static site."""
