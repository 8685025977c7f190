"""Checks the NGO union missions content and builds its bilingual static site."""
