-- migrate:up
CREATE TYPE invitation_kind AS ENUM ('ADMINISTRATION', 'STAFF', 'JURY');

-- An administrator invites a person by e-mail to an administration, to the
-- programme staff (all calls or one) or to a call's jury. Only the token's
-- hash is stored; the invitation expires and is accepted once.
CREATE TABLE invitation (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  kind invitation_kind NOT NULL,
  administration_id uuid REFERENCES administration (id) ON DELETE CASCADE,
  call_id uuid REFERENCES call (id) ON DELETE CASCADE,
  invited_by_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  token_hash char(64) NOT NULL UNIQUE,
  expires_at timestamptz(3) NOT NULL,
  accepted_at timestamptz(3),
  accepted_by_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  revoked_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT invitation_target CHECK (
    (kind = 'ADMINISTRATION' AND administration_id IS NOT NULL AND call_id IS NULL)
    OR (kind = 'STAFF' AND administration_id IS NULL)
    OR (kind = 'JURY' AND administration_id IS NULL AND call_id IS NOT NULL)
  )
);
CREATE INDEX invitation_email_idx ON invitation (email);
CREATE INDEX invitation_administration_id_idx ON invitation (administration_id);
CREATE INDEX invitation_call_id_idx ON invitation (call_id);
CREATE INDEX invitation_invited_by_id_idx ON invitation (invited_by_id);
CREATE INDEX invitation_accepted_by_id_idx ON invitation (accepted_by_id);

-- migrate:down
DROP TABLE invitation;
DROP TYPE invitation_kind;
