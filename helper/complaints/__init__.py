"""Complaints and violations against the shop: storage, deadlines, and the rules for both."""
