"""The demo writer: the East China team of eight salespeople and their
manager, about a hundred opportunities over the last three months, written as
the add-on's demo XML (``sales_action_anchor/demo/*.xml``) by
``tools/generate_demo.py``.

The story is planned (``portfolio``, ``story``), placed in time (``timeline``),
then written one file per ``xml_*`` module (``files`` puts them together).
"""
