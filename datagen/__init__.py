"""Invented sales histories of sales_action_anchor: one world (``world``), two writers
(``demo``: the add-on's demo XML; ``bulk``: benchmark databases filled with COPY)."""
