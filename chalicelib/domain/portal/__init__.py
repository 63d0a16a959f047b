"""The debtor's portal, pure parts: texts as data, money formatting, plan policy, document
types, acceptance terms. No I/O, no clock, no randomness."""
