from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection

from playground.labkit.checks import old_schema_message
from playground.labkit.demo import DemoDataError, demo_admin_refusal, load_demo_data


class Command(BaseCommand):
    help = "Load every demo fixture in dependency order and create the demo superuser (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-superuser", action="store_true", help="Do not create the demo superuser.")

    def check(self, *args, **kwargs):
        # The system checks may ask the database for its version (a GeneratedField's check
        # does on PostgreSQL): an unreachable database is said plainly before they run.
        _connect()
        return super().check(*args, **kwargs)

    def handle(self, *args, **options):
        _connect()
        if message := old_schema_message(connection):
            raise CommandError(message)
        refusal = "" if options["no_superuser"] else demo_admin_refusal()
        try:
            report = load_demo_data(create_superuser=not (options["no_superuser"] or refusal))
        except DemoDataError as err:
            raise CommandError(f"Demo data not loaded, nothing was changed: {err}") from err

        for label, count in sorted(report.created.items()):
            self.stdout.write(f"  created {count} {label}")
        for label, count in sorted(report.updated.items()):
            self.stdout.write(f"  updated {count} {label}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded from {report.fixtures} fixture(s)."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data already up to date: {report.unchanged} objects unchanged.")
            )
        if refusal:
            self.stdout.write(self.style.WARNING(refusal))
        elif settings.PRODUCTION_MODE:
            # Never echo a real password.
            created = "created" if report.superuser_created else "already exists"
            user = settings.DEMO_ADMIN_USERNAME
            self.stdout.write(f"Demo superuser {user} {created} (password: DEMO_ADMIN_PASSWORD).")
        elif report.superuser_created:
            self.stdout.write(
                f"Demo superuser created: {settings.DEMO_ADMIN_USERNAME} / {settings.DEMO_ADMIN_PASSWORD}"
            )
        else:
            self.stdout.write(f"Demo login: {settings.DEMO_ADMIN_USERNAME} / {settings.DEMO_ADMIN_PASSWORD}")


def _connect():
    try:
        connection.ensure_connection()
    except OperationalError as err:
        raise CommandError(f"Cannot connect to the database ({connection.settings_dict['ENGINE']}): {err}") from err
