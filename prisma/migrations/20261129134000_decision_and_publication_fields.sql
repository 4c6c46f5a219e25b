-- migrate:up
ALTER TABLE call
  ADD COLUMN deliberation_locked_at timestamptz(3),
  ADD COLUMN grantor_name text,
  ADD COLUMN grantor_siret char(14) CHECK (grantor_siret ~ '^[0-9]{14}$'),
  ADD COLUMN jury_composition text,
  ADD COLUMN next_steps text;
ALTER TABLE dossier
  ADD COLUMN granted_cents bigint CHECK (granted_cents >= 0 AND granted_cents <= requested_cents),
  ADD COLUMN decided_at timestamptz(3);

-- migrate:down
ALTER TABLE dossier DROP COLUMN granted_cents, DROP COLUMN decided_at;
ALTER TABLE call DROP COLUMN deliberation_locked_at, DROP COLUMN grantor_name, DROP COLUMN grantor_siret,
  DROP COLUMN jury_composition, DROP COLUMN next_steps;
