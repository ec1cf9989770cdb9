"""API tokens: random secrets stored as sha256 hashes, found by their prefix id."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from minutegraph.models import ApiToken

ROLES = ("reader", "editor", "admin")  # each role may do what the ones before may
SCHEME = "mg"


def hash_secret(secret: str) -> str:
    """The sha256 hex digest stored for `secret`."""
    return hashlib.sha256(secret.encode()).hexdigest()


def allows(role: str | None, needed: str) -> bool:
    """True when `role` is `needed` or ranks above it."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def _prefix_of(secret: str) -> str | None:
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME or not parts[1] or not parts[2]:
        return None
    return parts[1]


async def create(
    *, session: AsyncSession, role: str, name: str | None = None
) -> tuple[ApiToken, str]:
    """A new token for `role` and its secret, which is not stored and shown once."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    prefix = secrets.token_hex(6)
    secret = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        prefix=prefix, secret_hash=hash_secret(secret), role=role, name=name
    )
    session.add(token)
    await session.flush()
    return token, secret


async def get_by_secret(*, session: AsyncSession, secret: str) -> ApiToken | None:
    """The token whose secret this is, or None (compared in constant time)."""
    prefix = _prefix_of(secret)
    if prefix is None:
        return None
    stmt = select(ApiToken).where(ApiToken.prefix == prefix)
    token = (await session.scalars(stmt)).one_or_none()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    return token


async def get_all(*, session: AsyncSession) -> list[ApiToken]:
    """Every token, oldest first (secrets are not stored, so none are shown)."""
    stmt = select(ApiToken).order_by(ApiToken.id)
    return list((await session.scalars(stmt)).all())


async def delete(*, session: AsyncSession, prefix: str) -> bool:
    """Revoke the token with this prefix id; False when there is none."""
    stmt = select(ApiToken).where(ApiToken.prefix == prefix)
    token = (await session.scalars(stmt)).one_or_none()
    if token is None:
        return False
    await session.delete(token)
    return True
