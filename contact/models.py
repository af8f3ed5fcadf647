"""Visitors' questions and feedback, and how to reach the college's office."""
