-- migrate:up
-- Outside experts' opinions on a dossier (issue 6): asked by staff with a due
-- date, an optional yes/no question and a confidentiality setting; the expert
-- reaches that dossier only through this row.
CREATE TABLE expert_opinion (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  expert_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  requested_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  question text,
  message text NOT NULL,
  due_at timestamptz(3) NOT NULL,
  confidential boolean NOT NULL DEFAULT false,
  answer_yes boolean,
  opinion text,
  answered_at timestamptz(3),
  reminder_sent_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  -- An answer has its text; a yes/no answer only where a question was asked.
  CONSTRAINT expert_opinion_answer_check CHECK (
    (answered_at IS NULL AND opinion IS NULL AND answer_yes IS NULL)
    OR (answered_at IS NOT NULL AND opinion IS NOT NULL AND (question IS NULL) = (answer_yes IS NULL))
  )
);
CREATE UNIQUE INDEX expert_opinion_dossier_id_expert_id_key ON expert_opinion (dossier_id, expert_id);
CREATE INDEX expert_opinion_expert_id_idx ON expert_opinion (expert_id);
CREATE INDEX expert_opinion_due_at_idx ON expert_opinion (due_at);

-- migrate:down
DROP TABLE expert_opinion;
