-- 0001: accounts, sessions, login attempts, the records and the change log.
-- Append-only: a later change to the schema is a new numbered file.

CREATE TABLE users (
  id            text PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'leader', 'member', 'readonly')),
  team          text,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL,
  disabled_at   timestamptz
);

-- Only the SHA-256 of a token is kept: a copy of the database signs no one in.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins, counted per name and per address for the rate limit.
CREATE TABLE login_failures (
  id       bigserial PRIMARY KEY,
  name     text NOT NULL,
  address  text NOT NULL,
  at       timestamptz NOT NULL
);
CREATE INDEX login_failures_name ON login_failures (name, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- One row per record, its current version. `seq` is the server's own
-- sequence, bumped on every accepted write; pulls are ordered by it.
CREATE SEQUENCE record_seq AS bigint;
CREATE TABLE records (
  kind             text NOT NULL,
  id               text NOT NULL,
  seq              bigint NOT NULL,
  data             jsonb NOT NULL,
  created_by_user  text NOT NULL REFERENCES users (id),
  PRIMARY KEY (kind, id)
);
CREATE UNIQUE INDEX records_seq ON records (seq);
CREATE INDEX records_id ON records (id);

-- Every change a client pushed, by its change id: a retried push finds its
-- change here and is not applied twice. Also the server's change log.
CREATE TABLE changes (
  change_id  text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id),
  at         timestamptz NOT NULL,
  kind       text NOT NULL,
  record_id  text NOT NULL,
  status     text NOT NULL,
  seq        bigint,
  cause      text,
  conflict   jsonb
);
CREATE INDEX changes_record ON changes (kind, record_id);
