-- migrate:up
-- History of a dossier: every status change with its date and message, shown
-- to the applicant in « Mes dossiers ». The idempotency key of a submission is
-- kept on its event, so a retried submit finds it and creates nothing.
CREATE TABLE dossier_event (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
  status dossier_status NOT NULL,
  message text CHECK (char_length(message) <= 2000),
  actor_id uuid,
  idempotency_key text CHECK (char_length(idempotency_key) <= 100),
  at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dossier_event_idempotency_key_key ON dossier_event (idempotency_key);
CREATE INDEX dossier_event_dossier_id_at_idx ON dossier_event (dossier_id, at);

-- Receipt numbers (LAU-<year>-<5 digits>) come from a sequence: unique under
-- a deadline surge without any lock on the dossier table.
CREATE SEQUENCE dossier_reference_seq;

-- migrate:down
DROP SEQUENCE dossier_reference_seq;
DROP TABLE dossier_event;
