"""The invented world both writers tell their stories in: an East China
distributor of building materials and industrial supplies, its cities,
customers, products, salespeople's names, and the words everyone writes.

Data, and the few rules that turn a draw into a value (an address, an amount,
an opportunity's name and tags); no generator of its own: the demo writer
(``datagen.demo``) and the bulk writer (``datagen.bulk``) each pass theirs,
seeded, and so decide the order of the draws.
"""
