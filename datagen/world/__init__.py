"""The invented world both writers tell their stories in: an East China
distributor of building materials and industrial supplies, its cities,
customers, products, salespeople's names, and the words everyone writes.

Plain data only, no randomness: the demo writer (``datagen.demo``) and the bulk
writer (``datagen.bulk``) each draw from it with their own seeded generator.
"""
