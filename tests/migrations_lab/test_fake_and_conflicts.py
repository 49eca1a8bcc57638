"""Fake migrations and conflicting migrations, as the README walks through them.

Each test types the README's commands into a throwaway project (see throwaway.py)
with its own database: never the playground's data, never the test database.
"""

import ast
import re

import pytest

pytestmark = pytest.mark.slow

PRODUCT_WITH_SKU = """\
class Product(models.Model):
    name = models.CharField(max_length=100)
    sku = models.CharField(max_length=20, null=True)
"""

PRODUCT_WITH_PRICE = """\
class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True)
"""

PRODUCT_WITH_STOCK = """\
class Product(models.Model):
    name = models.CharField(max_length=100)
    stock = models.PositiveIntegerField(db_default=0)
"""

PRODUCT_WITH_BOTH = """\
class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True)
    stock = models.PositiveIntegerField(db_default=0)
"""

SAVE_AND_READ_SKU = (
    "from shop.models import Product; "
    "Product.objects.create(name='Kettle', sku='K-1'); "
    "print(Product.objects.values_list('name', 'sku').get())"
)

READ_HISTORY = (
    "from playground.migrations_lab.history import read_history; "
    "h = read_history(); print(h.conflicts); print([m.key for m in h.unapplied])"
)


def showmigrations(project) -> dict[str, bool]:
    """{migration name: applied?} from `showmigrations shop`."""
    out = project.ok("showmigrations", "shop").stdout
    return {name: mark == "X" for mark, name in re.findall(r"\[([ X])\] (\w+)", out)}


def test_change_applied_by_hand_is_recorded_with_fake(throwaway_project):
    project = throwaway_project
    project.ok("makemigrations", "shop", "--name", "initial")
    project.ok("migrate")
    project.write_models(PRODUCT_WITH_SKU)
    project.ok("makemigrations", "shop", "--name", "product_sku")

    # Someone ran the column change on the database by hand (a hotfix, a DBA).
    sql = project.ok("sqlmigrate", "shop", "0002_product_sku").stdout
    assert 'ADD COLUMN "sku"' in sql
    hand = project.manage("dbshell", stdin=sql)
    assert "error" not in hand.output.lower(), hand.output

    # migrate would run the same DDL again and fail: the column is already there.
    refused = project.manage("migrate", "shop")
    assert refused.returncode != 0
    assert "sku" in refused.stderr and ("duplicate column" in refused.stderr or "already exists" in refused.stderr)
    assert showmigrations(project) == {"0001_initial": True, "0002_product_sku": False}

    # --fake records the migration in django_migrations without running its SQL.
    faked = project.ok("migrate", "shop", "0002", "--fake")
    assert "Applying shop.0002_product_sku... FAKED" in faked.stdout
    assert showmigrations(project) == {"0001_initial": True, "0002_product_sku": True}
    assert project.ok("shell", "--no-imports", "-c", SAVE_AND_READ_SKU).stdout.strip() == "('Kettle', 'K-1')"
    assert "No migrations to apply." in project.ok("migrate").stdout


def test_fake_initial_adopts_existing_tables_and_applies_the_rest(throwaway_project):
    project = throwaway_project
    project.ok("makemigrations", "shop", "--name", "initial")
    # The tables exist already (an older deployment, a restored dump), unrecorded.
    project.ok("dbshell", stdin=project.ok("sqlmigrate", "shop", "0001_initial").stdout)
    project.write_models(PRODUCT_WITH_SKU)
    project.ok("makemigrations", "shop", "--name", "product_sku")

    refused = project.manage("migrate", "shop")
    assert refused.returncode != 0
    assert "shop_product" in refused.stderr and "already exists" in refused.stderr

    adopted = project.ok("migrate", "shop", "--fake-initial")
    # Only the initial migration, whose tables all exist, is faked; the next one runs.
    assert "Applying shop.0001_initial... FAKED" in adopted.stdout
    assert "Applying shop.0002_product_sku... OK" in adopted.stdout
    assert project.ok("shell", "--no-imports", "-c", SAVE_AND_READ_SKU).stdout.strip() == "('Kettle', 'K-1')"


def write_branch_migrations(project):
    """Two developers add a field each on top of 0001_initial, on their own branches."""
    project.ok("makemigrations", "shop", "--name", "initial")
    project.ok("migrate")
    project.write_models(PRODUCT_WITH_PRICE)
    project.ok("makemigrations", "shop", "--name", "product_price")
    price = project.migrations_dir / "0002_product_price.py"
    alice = price.read_text()
    price.unlink()  # Bob's branch does not have Alice's migration yet
    project.write_models(PRODUCT_WITH_STOCK)
    project.ok("makemigrations", "shop", "--name", "product_stock")
    # Both branches are merged in git: both files, both fields, one parent.
    price.write_text(alice)
    project.write_models(PRODUCT_WITH_BOTH)


def test_two_migrations_with_one_parent_are_a_conflict_until_merged_and_the_page_shows_it(throwaway_project):
    project = throwaway_project
    write_branch_migrations(project)
    assert project.migration_names() == ["0001_initial", "0002_product_price", "0002_product_stock"]

    expected = (
        "Conflicting migrations detected; multiple leaf nodes in the migration graph: "
        "(0002_product_price, 0002_product_stock in shop)"
    )
    check = project.manage("makemigrations", "--check", "--dry-run")
    assert check.returncode != 0 and expected in check.stderr
    migrate = project.manage("migrate")
    assert migrate.returncode != 0 and expected in migrate.stderr
    assert "makemigrations --merge" in migrate.stderr
    # The migrations page reads the same graph and names the same two leaves.
    conflicts, unapplied = project.ok("shell", "--no-imports", "-c", READ_HISTORY).stdout.strip().splitlines()
    assert ast.literal_eval(conflicts) == {"shop": ["0002_product_price", "0002_product_stock"]}
    assert ast.literal_eval(unapplied) == ["shop.0002_product_price", "shop.0002_product_stock"]

    merged = project.ok("makemigrations", "--merge", "--no-input")
    (merge_name,) = set(project.migration_names()) - {"0001_initial", "0002_product_price", "0002_product_stock"}
    assert merge_name.startswith("0003_merge_") and merge_name in merged.stdout
    merge_module = ast.parse((project.migrations_dir / f"{merge_name}.py").read_text())
    assert "0002_product_price" in ast.unparse(merge_module) and "0002_product_stock" in ast.unparse(merge_module)

    assert "No changes detected" in project.ok("makemigrations", "--check", "--dry-run").stdout
    applied = project.ok("migrate").stdout
    assert "Applying shop.0002_product_price... OK" in applied
    assert "Applying shop.0002_product_stock... OK" in applied
    assert f"Applying shop.{merge_name}... OK" in applied
