-- migrate:up
-- Bumped by "sign out everywhere": every session carrying an older version is refused.
ALTER TABLE app_user ADD COLUMN session_version integer NOT NULL DEFAULT 1;

-- Sign-in and e-mail link attempts, for rate limiting shared by every app instance.
CREATE TABLE auth_attempt (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  email text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX auth_attempt_email_at_idx ON auth_attempt (email, at);
CREATE INDEX auth_attempt_ip_at_idx ON auth_attempt (ip, at);

CREATE TYPE auth_token_kind AS ENUM ('MAGIC_LINK', 'PASSWORD_RESET');

-- One-time e-mail links: only the SHA-256 of the token is stored.
CREATE TABLE auth_token (
  id uuid PRIMARY KEY,
  kind auth_token_kind NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user (id) ON UPDATE CASCADE ON DELETE CASCADE,
  token_hash char(64) NOT NULL UNIQUE,
  expires_at timestamptz(3) NOT NULL,
  used_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX auth_token_user_id_idx ON auth_token (user_id);

-- migrate:down
DROP TABLE auth_token;
DROP TYPE auth_token_kind;
DROP TABLE auth_attempt;
ALTER TABLE app_user DROP COLUMN session_version;
