"""`dragoman eval`: score the coder against gold files (SPEC §4); see scoring.py for the rules."""
