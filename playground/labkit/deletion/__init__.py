"""What a delete really does, observed once and reported once.

Django's delete confirmation lists what its collector *would* cascade to. The toolkit
actually runs the delete (through ``playground.labkit.capture.run``, so it is always
rolled back, also on error) and returns one ``DeleteReport``:

- rows deleted per table, and by whom: Django after reading them (pre/post_delete
  sent), Django's fast path (one DELETE, no signals), or the database itself
  (``ON DELETE CASCADE`` of a DB_CASCADE key: Django sends no signal, reads no row);
- rows updated, with each foreign key's value before and after, read back from
  the database inside the transaction (SET_NULL/SET_DEFAULT/SET(...) by Django,
  DB_SET_NULL/DB_SET_DEFAULT by the database);
- what blocks the delete and under which rule (PROTECT or RESTRICT);
- references left dangling (DO_NOTHING): the IntegrityError the commit would
  end in, or silence where there is no constraint (``db_constraint=False``);
- the SQL in order, what ``delete()`` returned, and the signals sent;
- for rows the caller names (``Track``), what happened to them, in the one vocabulary
  ``OUTCOMES`` (deleted, blocked, set_null, set_default, set_value, unchanged, dangling,
  integrity_error, no_rows, failed).

The delete preview on the admin's confirmation pages, the on_delete matrix, the
Comments comparison and the inheritance comparison all read this report.

    report = observe_delete(parent.delete, Parent, using="default",
                            track=[Track.foreign_key("children", parent.children.all(), fk)])
    report.tracked["children"].outcome   # "deleted", "set_null", "blocked", ...

Listings are capped at ``row_limit`` rows per table, with totals, so that a big delete
is not slowed down by listing every row it touches (``benchmarks/delete_preview.py``
measures the cost against the real delete).

The package: ``report`` (the report and its vocabulary), ``observe`` (the one observing
function), ``collector`` (what the collector gathered), ``rows`` (rules and rows),
``preview`` (the admin's entry points), ``blast_radius`` (the report drawn as a Mermaid
flowchart, for the confirmation pages).
"""

from playground.labkit.deletion.blast_radius import BlastRadius, blast_radius
from playground.labkit.deletion.observe import ROW_LIMIT, Track, observe_delete, observing
from playground.labkit.deletion.preview import preview_instance_delete, preview_queryset_delete
from playground.labkit.deletion.report import OUTCOMES, DeleteReport, Tracked, outcome_of
from playground.labkit.deletion.rows import field_default, on_delete_name, reachable_tables

__all__ = [
    "OUTCOMES",
    "ROW_LIMIT",
    "BlastRadius",
    "DeleteReport",
    "Track",
    "Tracked",
    "blast_radius",
    "field_default",
    "observe_delete",
    "observing",
    "on_delete_name",
    "outcome_of",
    "preview_instance_delete",
    "preview_queryset_delete",
    "reachable_tables",
]
