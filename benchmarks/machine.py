"""The line every benchmark prints first: figures mean little without the machine they ran on."""

import os
import platform

from django.db import connection


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        database = f"PostgreSQL {major}.{minor}"
    else:
        database = f"{connection.display_name} {connection.Database.sqlite_version}"
    return f"{os.cpu_count()} CPU(s), {cpu}, Python {platform.python_version()}, {database}"
