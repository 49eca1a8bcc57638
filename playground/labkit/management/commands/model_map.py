from django.core.management.base import BaseCommand

from playground.labkit.model_map import build


class Command(BaseCommand):
    help = "Print the Mermaid source of the model map (every model and relation of the project) for docs."

    def add_arguments(self, parser):
        parser.add_argument("--columns", action="store_true", help="List each model's columns in its box.")
        parser.add_argument("--direction", choices=["LR", "TB", "RL", "BT"], default="LR")

    def handle(self, *args, **options):
        self.stdout.write(build(with_columns=options["columns"]).mermaid(direction=options["direction"]), ending="")
