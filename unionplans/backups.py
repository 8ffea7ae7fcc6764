"""One file holds the whole database, and brings it back.

PostgreSQL goes through its own tools (`pg_dump --format=custom`, `pg_restore --clean`),
which keep sequences, constraints and indexes exactly; SQLite through its online backup
API, which copies a consistent snapshot while the app keeps running. The connection
settings come from Django's own client (`dbshell` uses the same), so a password or an SSL
mode in `DATABASE_URL` reaches the tools without being written on a command line.
"""

import datetime
import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.utils.translation import gettext as _

# The first bytes of each kind of file, to refuse restoring one kind into the other.
POSTGRESQL_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup or restore that cannot be done, with a message for the operator."""


def default_name(now: datetime.datetime | None = None) -> str:
    now = now or datetime.datetime.now()
    suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
    return f"unionplans-{now:%Y%m%d-%H%M%S}.{suffix}"


def backup(path: Path) -> Path:
    """Write the whole database to `path` (one file) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        args, env = _postgresql_command("pg_dump")
        _run([*args[:-1], "--format=custom", "--no-owner", f"--file={path}", args[-1]], env)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(_("Backups support PostgreSQL and SQLite only."))
    return path


def restore(path: Path) -> None:
    """Replace the whole database by the content of `path`, made by `backup`."""
    if not path.is_file():
        raise BackupError(_("No backup file at %(path)s.") % {"path": path})
    head = path.read_bytes()[:16]
    if connection.vendor == "postgresql":
        if not head.startswith(POSTGRESQL_MAGIC):
            raise BackupError(_("%(path)s is not a PostgreSQL backup.") % {"path": path})
        args, env = _postgresql_command("pg_restore")
        database = args[-1]
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run([*args[:-1], *options, f"--dbname={database}", str(path)], env)
    elif connection.vendor == "sqlite":
        if head != SQLITE_MAGIC:
            raise BackupError(_("%(path)s is not a SQLite backup.") % {"path": path})
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(_("Backups support PostgreSQL and SQLite only."))


def _postgresql_command(tool: str) -> tuple[list[str], dict | None]:
    """`tool`'s arguments for the default database, the database name last."""
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    if not connection.settings_dict.get("NAME"):
        raise BackupError(_("The database has no name in DATABASE_URL."))
    return [tool, *args[1:]], env


def _run(command: list[str], env: dict | None) -> None:
    environment = {**os.environ, **(env or {})}
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(
            _("%(tool)s is not installed (Debian: postgresql-client).") % {"tool": command[0]}
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]}: {result.stderr.strip()}")
