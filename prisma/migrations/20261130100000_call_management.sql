-- migrate:up
-- Call management (issue 9): the rest of a call's timeline, its eligibility
-- rules and the questions it adds to the applicant's form.
ALTER TABLE call
  ADD COLUMN preselection_at timestamptz(3),
  -- Calendar days in Paris, « YYYY-MM-DD » (a day, not an instant).
  ADD COLUMN audition_days text[] NOT NULL DEFAULT '{}',
  ADD COLUMN results_expected_at timestamptz(3),
  ADD COLUMN eligible_kinds administration_kind[] NOT NULL DEFAULT '{}';

ALTER TABLE call ADD CONSTRAINT call_budget_envelope_not_negative CHECK (budget_envelope_cents >= 0);

CREATE TYPE question_type AS ENUM ('SHORT_TEXT', 'LONG_TEXT', 'NUMBER', 'AMOUNT', 'DATE', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'FILE', 'YES_NO');

-- A question a call adds to its form. Limits (max length, min, max, options)
-- live in `config`, validated by lib/calls/question.schema.ts before writing.
CREATE TABLE call_question (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^q[a-z0-9_]{1,40}$'),
  position integer NOT NULL,
  type question_type NOT NULL,
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 300),
  help_text text CHECK (char_length(help_text) <= 1000),
  required boolean NOT NULL DEFAULT false,
  config jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (call_id, key)
);

-- migrate:down
DROP TABLE call_question;
DROP TYPE question_type;
ALTER TABLE call DROP CONSTRAINT call_budget_envelope_not_negative;
ALTER TABLE call
  DROP COLUMN preselection_at,
  DROP COLUMN audition_days,
  DROP COLUMN results_expected_at,
  DROP COLUMN eligible_kinds;
