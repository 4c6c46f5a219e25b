-- migrate:up
-- Issue 9: scheduled reminders (deadline in 7 days / 1 day, audition day in
-- 2 days) and per-call data retention (archive step).

ALTER TABLE call
  ADD COLUMN retention_months integer NOT NULL DEFAULT 24 CHECK (retention_months BETWEEN 1 AND 120),
  ADD COLUMN archived_at timestamptz(3);

CREATE TYPE reminder_kind AS ENUM ('DEADLINE_7D', 'DEADLINE_1D', 'JURY_DAY_2D');

-- One row per reminder sent: the unique key is the idempotency guarantee.
CREATE TABLE call_reminder (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  kind reminder_kind NOT NULL,
  occasion text NOT NULL CHECK (char_length(occasion) <= 40),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX call_reminder_call_id_user_id_kind_occasion_key ON call_reminder (call_id, user_id, kind, occasion);
CREATE INDEX call_reminder_user_id_idx ON call_reminder (user_id);

-- migrate:down
DROP TABLE call_reminder;
DROP TYPE reminder_kind;
ALTER TABLE call DROP COLUMN archived_at, DROP COLUMN retention_months;
