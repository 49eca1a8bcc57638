"""Reading a relation's on_delete option as the model wrote it."""

from polymorphic.deletion import PolymorphicGuard


def written_on_delete(field):
    """The on_delete handler of ``field``, unwrapped from django-polymorphic's guard.

    django-polymorphic wraps the on_delete of foreign keys on its models in a
    ``PolymorphicGuard`` (so that the collector gets non-polymorphic querysets); the labs
    compare and name the option the model was written with, which is the wrapped action.
    """
    handler = field.remote_field.on_delete
    while isinstance(handler, PolymorphicGuard):
        handler = handler.action
    return handler
