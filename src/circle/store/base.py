"""What every part of the Repository shares: the home, the actor, the clock and finding a circle."""

from __future__ import annotations

import copy
import os
import random
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circle.domain.clock import Clock, SystemClock
from circle.domain.server.access import Action
from circle.store.atomic_storage import Tables
from circle.store.errors import CorruptFileError, NotFound, StoreError
from circle.store.home import ensure_home
from circle.store.inside import real_folder
from circle.store.locked_db import read_db, read_tables, write_db
from circle.store.needs import needs, no_circle_data
from circle.store.shapes import circle_file_problem
from circle.store.slugs import is_slug
from circle.store.validation import check_actor, name_key

if TYPE_CHECKING:
    from tinydb import TinyDB  # imported at run time only where a handle is made

CIRCLE_FILE = "circle.json"
SESSIONS_DIR = "sessions"
FORMAT = 1  # the layout version written into every circle and session record
RECORD = 1  # doc id of the single record in a "circle" or "session" table

CircleRef = str | Mapping[str, Any]


class RepositoryBase:
    """Holds the data home, who is acting, and the injected clock and randomness."""

    def __init__(
        self,
        home: Path | str,
        actor: str,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.home = ensure_home(home, writable=False)  # a read-only home reads; changes say why not
        self.actor = check_actor(actor)
        self.clock: Clock = clock or SystemClock()
        self.rng = rng or random.Random()

    @property
    def circles_dir(self) -> Path:
        return real_folder(self.home / "circles")

    # -- time and authorship -------------------------------------------------

    @no_circle_data
    def now(self) -> str:
        return self.clock.now().isoformat()

    def _stamp_new(self, record: dict[str, Any]) -> dict[str, Any]:
        now = self.now()
        record.update(created=now, created_by=self.actor, updated=now, updated_by=self.actor)
        return record

    def _stamp_update(self, record: dict[str, Any]) -> dict[str, Any]:
        record.update(updated=self.now(), updated_by=self.actor)
        return record

    # -- finding circles -----------------------------------------------------

    def _circle_slugs(self) -> list[str]:
        """Slugs of every circle folder that holds a circle file, sorted.

        A link or a folder where a circle's file belongs counts: reading it reports it as
        damaged, rather than the circle silently vanishing.
        """
        try:
            entries = sorted(self.circles_dir.iterdir())
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StoreError(f"cannot list the circles in {self.circles_dir}: {error.strerror}") from error
        return [p.name for p in entries if is_slug(p.name) and os.path.lexists(p / CIRCLE_FILE)]

    @needs(Action.SEE_CIRCLE)
    def slug_of(self, circle: CircleRef) -> str:
        """A circle's slug from its slug (fast: no file is read) or its name."""
        return self._slug(circle)

    def _slug(self, circle: CircleRef) -> str:
        return self._locate_circle(circle)[0]

    def _locate_circle(self, circle: CircleRef) -> tuple[str, Tables | None]:
        """A circle's slug, with its file's tables when finding it by name read them (else None)."""
        if isinstance(circle, Mapping):
            circle = str(circle.get("slug", ""))
        if not isinstance(circle, str) or not circle.strip():
            raise NotFound("no circle given: name a circle")
        if is_slug(circle) and os.path.lexists(self.circles_dir / circle / CIRCLE_FILE):
            return circle, None
        wanted = name_key(circle.strip())
        damaged: CorruptFileError | None = None
        for slug in self._circle_slugs():
            try:
                tables = self._read_circle_tables(slug)
            except CorruptFileError as error:
                damaged = damaged or error
                continue
            if name_key(str(tables["circle"][str(RECORD)].get("name", ""))) == wanted:
                return slug, tables
        if damaged is not None:
            raise damaged  # it may be the circle asked for: say so rather than "not found"
        raise NotFound(f"there is no circle named {circle!r} (`circle circles` lists them)")

    def _circle_dir(self, circle: CircleRef) -> Path:
        return real_folder(self.circles_dir / self._slug(circle))

    @needs(Action.READ)
    def circle_file(self, circle: CircleRef) -> Path:
        return self._circle_file(circle)

    def _circle_file(self, circle: CircleRef) -> Path:
        return self._circle_dir(circle) / CIRCLE_FILE

    # -- circle file access --------------------------------------------------

    def _read_circle_record(self, slug: str) -> dict[str, Any]:
        return copy.deepcopy(self._read_circle_tables(slug)["circle"][str(RECORD)])

    def _read_circle_tables(self, slug: str) -> Tables:
        """Every table of a circle's file, raw, from one read; CorruptFileError without a circle record."""
        path = real_folder(self.circles_dir / slug) / CIRCLE_FILE
        tables = read_tables(path) or {}
        check_circle_tables(tables, path)
        return tables

    def _read_circle_db(self, circle: CircleRef) -> TinyDB:
        path = self._circle_file(circle)
        db = read_db(path)
        check_circle_tables(db.storage.read(), path)
        return db

    @contextmanager
    def _write_circle_db(self, circle: CircleRef) -> Iterator[TinyDB]:
        path = self._circle_file(circle)
        with write_db(path) as db:
            check_circle_tables(db.storage.read(), path)  # never written over: a damaged file
            yield db


def check_circle_tables(tables: Any, path: Path) -> None:
    """CorruptFileError unless the file holds a circle record and records of the shape the code reads."""
    problem = circle_file_problem(tables)
    if problem:
        raise CorruptFileError(path, path.with_name(path.name + ".bak"), problem)


def find_doc_id(rows: Mapping[Any, Mapping[str, Any]], key: str, value: Any) -> int | None:
    """The doc id of the first row whose key equals value."""
    for doc_id, row in rows.items():
        if row.get(key) == value:
            return int(doc_id)
    return None
