"""Link speaker and outlet names to one entity across articles.

The rules, kept deliberately simple so a reviewer can predict them:

1. Names are compared by key: whitespace collapsed, casefolded, a trailing possessive
   ("Peskov's") dropped. An entity's key is unique, so "Dmitry Peskov" in two articles
   is one entity.
2. A one-word name ("Peskov") is first matched against the multi-word names resolved
   in the same article; if exactly one of them ends with it, it is that entity.
3. Otherwise a name matches an existing entity by key, then by alias when exactly one
   entity has that alias (an alias shared by two entities is ambiguous and matches none).
4. Otherwise a new entity is created.

When the extractor resolved a mention to a longer name ending with it ("Peskov" ->
"Dmitry Peskov"), the mention becomes an alias. Titles and roles never become part
of a name: they are stored in ``entity_roles``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from quotes.store.models import Alias, Entity, EntityRole

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


MAX_NAME = 512  # longer "names" are extraction noise; they are cut to fit the columns


def name_key(name: str) -> str:
    key = _SPACE.sub(" ", name).strip().casefold()
    return _POSSESSIVE.sub("", key).strip()[:MAX_NAME]


def clean_name(name: str) -> str:
    return _POSSESSIVE.sub("", _SPACE.sub(" ", name).strip()).strip()[:MAX_NAME]


_AMBIGUOUS = -1  # an alias that two or more stored entities share


def _one_owner(entity_ids: set[int]) -> int | None:
    if len(entity_ids) > 1:
        return _AMBIGUOUS
    return next(iter(entity_ids), None)


class Resolver:
    """Entity lookups for one transaction; the caches never outlive it.

    Lookups run without autoflush. New entities, aliases and roles wait in the session and go to
    the database with the next flush (the writer flushes once per article), so an article's rows
    are inserted in a few batches instead of one round trip per new name. Callers that need an
    entity's id at once flush the session themselves."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._by_key: dict[str, Entity] = {}
        self._no_entity: set[str] = set()
        self._by_alias: dict[str, int | None] = {}
        # alias key -> entities given that alias in this transaction and not yet flushed
        self._new_aliases: dict[str, set[str]] = {}
        self._aliases: set[tuple[str, str]] = set()
        self._roles: set[tuple[str, str]] = set()

    def prefetch(self, names: Iterable[str]) -> None:
        """Look up the entities and aliases of many names in two queries (an article's speakers and
        outlets) instead of one query per name later."""
        keys = {name_key(clean_name(n)) for n in names} - {""}
        keys = {k for k in keys if k not in self._by_key and k not in self._no_entity}
        if not keys:
            return
        with self.session.no_autoflush:
            for entity in self.session.scalars(select(Entity).where(Entity.key.in_(keys))):
                self._by_key[entity.key] = entity
            owners: dict[str, set[int]] = {}
            rows = self.session.execute(select(Alias.key, Alias.entity_id).where(Alias.key.in_(keys)))
            for key, entity_id in rows:
                owners.setdefault(key, set()).add(entity_id)
        for key in keys:
            if key not in self._by_key:
                self._no_entity.add(key)
            if key not in self._by_alias:
                self._by_alias[key] = _one_owner(owners.get(key, set()))

    def get(self, key: str) -> Entity | None:
        if key in self._by_key:
            return self._by_key[key]
        if key in self._no_entity:
            return None
        with self.session.no_autoflush:
            found = self.session.scalars(select(Entity).where(Entity.key == key)).first()
        if found is None:
            self._no_entity.add(key)
        else:
            self._by_key[key] = found
        return found

    def by_alias(self, key: str) -> Entity | None:
        """The one entity that has this alias, counting aliases added in this transaction."""
        if key not in self._by_alias:
            with self.session.no_autoflush:
                ids = self.session.scalars(select(Alias.entity_id).where(Alias.key == key).distinct().limit(2)).all()
            self._by_alias[key] = _one_owner(set(ids))
        stored_id = self._by_alias[key]
        if stored_id == _AMBIGUOUS:
            return None
        with self.session.no_autoflush:
            stored = self.session.get(Entity, stored_id) if stored_id is not None else None
        owners = set(self._new_aliases.get(key, ()))
        if stored is not None:
            owners.add(stored.key)
        if len(owners) != 1:
            return None
        owner = owners.pop()
        return stored if stored is not None and stored.key == owner else self._by_key.get(owner)

    def resolve(self, name: str, type_: str = "unknown", article_names: dict[str, str] | None = None) -> Entity | None:
        """The entity for ``name``, creating it when nothing matches (rules in the module docstring)."""
        cleaned = clean_name(name)
        key = name_key(cleaned)
        if not key:
            return None
        if article_names and " " not in key:
            longer = {full for full in article_names if full.endswith(" " + key)}
            if len(longer) == 1:
                full = longer.pop()
                entity = self.resolve(article_names[full], type_)
                if entity is not None:
                    self.add_alias(entity, cleaned)
                return entity
        entity = self.get(key) or self.by_alias(key)
        if entity is None:
            entity = Entity(name=cleaned, key=key, type=type_)
            self.session.add(entity)
            self._by_key[key] = entity
            self._no_entity.discard(key)
        elif entity.type == "unknown" and type_ != "unknown":
            entity.type = type_
        return entity

    def resolve_stored(self, name: str, type_: str = "unknown") -> Entity | None:
        """``resolve``, with a new entity written at once so that it has its id (review actions)."""
        entity = self.resolve(name, type_)
        if entity is not None and entity.id is None:
            self.session.flush()
        return entity

    def add_alias(self, entity: Entity, alias: str) -> None:
        key = name_key(alias)
        if not key or key == entity.key or (entity.key, key) in self._aliases:
            return
        if not self._stored(Alias, entity, Alias.key == key):
            self.session.add(Alias(alias=clean_name(alias), key=key, **_owner(entity)))
            self._new_aliases.setdefault(key, set()).add(entity.key)
            self._by_key.setdefault(entity.key, entity)
        self._aliases.add((entity.key, key))

    def add_role(self, entity: Entity, role: str) -> None:
        role = _SPACE.sub(" ", role).strip()
        if not role or (entity.key, role) in self._roles:
            return
        if not self._stored(EntityRole, entity, EntityRole.role == role):
            self.session.add(EntityRole(role=role, **_owner(entity)))
        self._roles.add((entity.key, role))

    def _stored(self, model: type[Alias] | type[EntityRole], entity: Entity, condition: ColumnElement[bool]) -> bool:
        """Whether the database already has the entity's alias or role that ``condition`` names; an
        entity not yet flushed has none."""
        if entity.id is None:
            return False
        with self.session.no_autoflush:
            found = self.session.scalars(select(model.id).where(model.entity_id == entity.id, condition)).first()
        return found is not None


def _owner(entity: Entity) -> dict[str, object]:
    """By id where there is one: setting the relationship would load the entity's whole list."""
    return {"entity_id": entity.id} if entity.id is not None else {"entity": entity}

def article_names(names: list[str]) -> dict[str, str]:
    """Multi-word names resolved in one article, by key, for matching its one-word mentions."""
    out: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        if " " in key:
            out.setdefault(key, clean_name(name))
    return out


def mention_is_alias(mention: str | None, name: str) -> bool:
    """A mention that is a shorter form of the name ("Peskov" for "Dmitry Peskov"), not a title or pronoun."""
    if not mention:
        return False
    m, n = name_key(mention), name_key(name)
    return bool(m) and m != n and n.endswith(" " + m) and mention[:1].isupper()
