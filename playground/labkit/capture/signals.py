"""Recording the model signals Django sends, without changing which receivers it sees."""

from __future__ import annotations

import contextvars
from contextlib import ExitStack, contextmanager

from django.db import models
from django.db.models import signals as model_signals

from playground.labkit.capture.queries import queries_forbidden
from playground.labkit.capture.records import CapturedSignal
from playground.labkit.patching import scoped_patch

RECORDED_SIGNALS = ("pre_save", "post_save", "pre_delete", "post_delete", "m2m_changed")

_active_sinks: contextvars.ContextVar[tuple[list[CapturedSignal], ...]] = contextvars.ContextVar(
    "playground_signal_sinks", default=()
)
_receivers_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("playground_receivers_muted", default=False)


def _observing(name: str, send):
    def observed_send(sender, **named):
        sinks = _active_sinks.get()
        if sinks:
            instance = named.get("instance")
            entry = CapturedSignal(
                signal=name,
                sender=sender._meta.label if hasattr(sender, "_meta") else str(sender),
                instance=safe_str(instance) if instance is not None else None,
                action=named.get("action"),
            )
            for sink in sinks:
                sink.append(entry)
            if _receivers_muted.get():
                return []
        return send(sender, **named)

    observed_send.__wrapped__ = send
    return observed_send


def safe_str(obj) -> str:
    # The collector loads the rows it deletes with only() their keys; a __str__ reading a
    # deferred field or a relation would send one query per signal, and those queries would
    # show up in the capture as if the code under study had sent them.
    pk = getattr(obj, "pk", None)
    get_deferred = getattr(obj, "get_deferred_fields", None)
    if get_deferred is not None and get_deferred():
        return f"{type(obj).__name__} #{pk}"
    token = queries_forbidden.set(True)
    try:
        return str(obj)
    except Exception:  # noqa: BLE001 - a broken or query-needing __str__ must not break the capture
        return f"{type(obj).__name__} #{pk}" if pk is not None else object.__repr__(obj)
    finally:
        queries_forbidden.reset(token)


@contextmanager
def recording_signals(sink: list[CapturedSignal], call_receivers: bool = True):
    """Record every model signal sent in the block into ``sink``; ``send`` is Django's own again afterwards."""
    stack = ExitStack()
    for name in RECORDED_SIGNALS:
        # Patched for this block only (see playground.labkit.patching); threads and blocks
        # that record nothing pass straight through to the original send().
        stack.enter_context(
            scoped_patch(getattr(model_signals, name), "send", lambda send, n=name: _observing(n, send))
        )
    token = _active_sinks.set(_active_sinks.get() + (sink,))
    # Muting is inherited by nested captures: an outer "call no receivers" must hold inside.
    muted = _receivers_muted.set(_receivers_muted.get() or not call_receivers)
    try:
        with stack:
            yield
    finally:
        _receivers_muted.reset(muted)
        _active_sinks.reset(token)


def _noop_receiver(**kwargs):
    return None


@contextmanager
def connected_receivers(model: type[models.Model]):
    uid = f"playground.labkit.capture:{model._meta.label}"
    for name in ("pre_delete", "post_delete"):
        getattr(model_signals, name).connect(_noop_receiver, sender=model, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        for name in ("pre_delete", "post_delete"):
            getattr(model_signals, name).disconnect(sender=model, dispatch_uid=uid)
