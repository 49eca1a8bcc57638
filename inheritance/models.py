"""Inheritance lab: one domain modelled as abstract, multi-table, proxy and polymorphic."""
