"""The bulk writer: seeded histories of S, M or L size for benchmark databases,
the small setup through Odoo's ORM (``setup``), the rows through COPY
(``writer``), planned and played one opportunity at a time (``build``,
``story``), in the world the demo shares (``datagen.world``). Its command
line is ``bench/generate_data.py``."""
