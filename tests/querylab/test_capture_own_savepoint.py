"""capture.run() shows only the statements the code itself sent, unless asked for its own savepoint."""

from playground.labkit.capture import run
from relations.models import Author


def test_asked_for_the_capture_shows_its_own_savepoint(demo_data):
    capture = run(lambda: list(Author.objects.all()), check_constraints=False, record_own_savepoint=True)
    assert [q.kind for q in capture.queries] == ["OTHER", "SELECT", "OTHER"]
    assert capture.queries[0].sql.startswith("SAVEPOINT")
    assert capture.queries[-1].sql.startswith("RELEASE SAVEPOINT")


def test_by_default_the_capture_counts_only_the_code(demo_data):
    capture = run(lambda: list(Author.objects.all()))
    assert [q.kind for q in capture.queries] == ["SELECT"]


def test_without_its_own_savepoint_writes_are_still_rolled_back_and_errors_reported(demo_data):
    def write_then_fail():
        Author.objects.create(name="Temp", email="temp@example.com")
        Author.objects.create(name="Twin", email="temp@example.com")  # unique email

    capture = run(write_then_fail, record_own_savepoint=False, watch=[Author])
    assert capture.exception is not None
    assert [q.kind for q in capture.queries] == ["INSERT", "INSERT"]
    assert capture.queries[1].error is not None
    assert not Author.objects.filter(email="temp@example.com").exists()
    assert capture.change_for(Author).delta == 0
