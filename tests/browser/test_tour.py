"""The "Start here" tour, walked from the index by clicking only, as a new user would.

Each step's link must open a working page of real demo data, and each step the database can check
must turn to "done" once the user has done it. The clicks from the index are counted per step.
"""

import pytest
from playwright.sync_api import expect

from relations.models import Author, Parent

pytestmark = pytest.mark.browser


class Walker:
    """Clicks, counted: how far each step is from the index."""

    def __init__(self, page):
        self.page, self.clicks, self.reached = page, 0, {}

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def to_tour(self):
        """From any admin page: Home (breadcrumbs or header), then the index's Start here link."""
        self.page.locator("#site-name a").click()
        self.page.click("#start-here")
        self.clicks = 1

    def step(self, number):
        return self.page.locator(f"#step-{number}")

    def open_link(self, number, text=None):
        links = self.step(number).locator(".tour-links a")
        self.click(links.filter(has_text=text).first if text else links.first)
        self.reached.setdefault(number, self.clicks)

    def status(self, number):
        return self.step(number).locator(".tour-status").inner_text()


def confirm_delete(walker):
    walker.click(walker.page.get_by_role("button", name="Yes, I’m sure"))
    expect(walker.page.locator("ul.messagelist")).to_contain_text("was deleted successfully")


def test_the_tour_is_walked_from_the_index_by_clicking_and_each_check_turns_on(
    index_page, live_server, tmp_path, capsys
):
    page = index_page
    walker = Walker(page)
    walker.click(page.locator("#start-here"))
    expect(page.locator("ol.tour > li")).to_have_count(8)
    for number in (1, 2, 4, 5):
        assert walker.status(number) == "not done yet"

    # 1. A CASCADE parent: the preview, then the delete.
    walker.open_link(1)
    expect(page.locator("#delete-preview")).to_contain_text("rolled back")
    confirm_delete(walker)
    walker.to_tour()
    assert walker.status(1).startswith("done: you deleted a parent")

    # 2. PROTECT and RESTRICT refuse; deleting the artist is allowed and passes the step.
    for rule in ("PROTECT", "RESTRICT", "album"):
        walker.open_link(2, rule)
        expect(page.locator("#content")).to_contain_text("would require deleting the following protected")
        walker.to_tour()
    walker.open_link(2, "Then delete its artist")
    confirm_delete(walker)
    walker.to_tour()
    assert walker.status(2).startswith("done: you removed a row that blocked a delete")

    # 3. The changelist whose SQL the toolbar shows (no toolbar under tests), and the query lab's N+1.
    walker.open_link(3, "Blogs")
    expect(page.locator("#result_list")).to_be_visible()
    walker.to_tour()
    walker.open_link(3, "N+1")
    expect(page.locator("#content-main")).to_contain_text("SELECT")
    walker.to_tour()

    # 4. Reloading puts back what steps 1 and 2 deleted, and says what it wrote.
    deleted_parents = Parent.objects.count()
    walker.click(page.locator("#tour-reload"))
    walker.reached[4] = walker.clicks
    expect(page.locator("ul.messagelist")).to_contain_text("Demo data reloaded")
    assert Parent.objects.count() > deleted_parents
    assert walker.status(4).startswith("done: you reloaded the demo data")

    # 5. Download the sample, import it, export the authors, import the export back.
    walker.to_tour()
    with page.expect_download() as download:
        walker.open_link(5, "sample CSV")
    sample = tmp_path / "sample-authors.csv"
    download.value.save_as(sample)
    walker.open_link(5, "Import")
    import_file(walker, sample, confirm=True)
    expect(page.locator(".messagelist")).to_contain_text("3 new")
    assert Author.objects.filter(email="edsger@example.com").exists()
    walker.to_tour()
    assert walker.status(5).startswith("done: you imported authors")
    walker.open_link(5, "Export")
    page.select_option("#id_format", label="csv")
    with page.expect_download() as download:
        walker.click(page.locator("input[type=submit]"))
    exported = tmp_path / "authors-export.csv"
    download.value.save_as(exported)
    assert "edsger@example.com" in exported.read_text()
    walker.to_tour()
    walker.open_link(5, "Import")
    import_file(walker, exported, confirm=False)
    expect(page.locator(".import-totals")).to_contain_text("0 new, 0 updated")

    # 6–8: the comparison pages open on live data.
    for number, text, expected in (
        (6, "Inheritance styles compared", "polymorphic"),
        (7, "GenericForeignKey", "GenericForeignKey"),
        (8, "Query lab", "N+1"),
        (8, "Migrations", "0001_release_and_note"),
    ):
        walker.to_tour()
        walker.open_link(number, text)
        expect(page.locator("#content-main")).to_contain_text(expected)

    with capsys.disabled():
        print("\nclicks from the index to each step:", dict(sorted(walker.reached.items())))
    assert all(clicks <= 2 for clicks in walker.reached.values()), walker.reached


def import_file(walker, path, confirm):
    page = walker.page
    page.set_input_files("#id_import_file", str(path))
    page.select_option("#id_format", label="csv")
    walker.click(page.locator("input[type=submit][value=Submit]"))
    if confirm:
        walker.click(page.locator("input[name=confirm]"))
