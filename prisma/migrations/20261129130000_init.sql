-- migrate:up
CREATE TYPE administration_kind AS ENUM ('CENTRAL', 'DECENTRALISED', 'OPERATOR', 'SOCIAL_SECURITY', 'LOCAL_AUTHORITY');
CREATE TYPE role AS ENUM ('APPLICANT', 'STAFF', 'JURY', 'ADMIN');
CREATE TYPE call_kind AS ENUM ('CALL', 'ROLLING');
CREATE TYPE call_phase AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'PRESELECTION', 'AUDITIONS', 'DELIBERATION', 'RESULTS_PUBLISHED', 'ARCHIVED');
CREATE TYPE dossier_status AS ENUM ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'CORRECTION_REQUESTED', 'PRESELECTED', 'NOT_PRESELECTED', 'AUDITIONED', 'LAUREATE', 'NOT_RETAINED', 'WITHDRAWN');

CREATE TABLE ministry (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL UNIQUE,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE administration (
  id uuid PRIMARY KEY,
  ministry_id uuid NOT NULL REFERENCES ministry (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  name text NOT NULL UNIQUE,
  siret char(14) UNIQUE CHECK (siret ~ '^[0-9]{14}$'),
  kind administration_kind NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX administration_ministry_id_idx ON administration (ministry_id);

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL,
  password_hash text,
  administration_id uuid REFERENCES administration (id) ON UPDATE CASCADE ON DELETE SET NULL,
  organisation text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  disabled_at timestamptz(3)
);
CREATE INDEX app_user_administration_id_idx ON app_user (administration_id);

CREATE TABLE call (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text NOT NULL,
  summary text NOT NULL,
  description text NOT NULL,
  kind call_kind NOT NULL,
  phase call_phase NOT NULL DEFAULT 'DRAFT',
  themes text[] NOT NULL DEFAULT '{}',
  opens_at timestamptz(3) NOT NULL,
  closes_at timestamptz(3),
  results_published_at timestamptz(3),
  budget_envelope_cents bigint NOT NULL CHECK (budget_envelope_cents >= 0),
  min_requested_cents bigint CHECK (min_requested_cents >= 0),
  max_requested_cents bigint CHECK (max_requested_cents >= 0),
  max_rate_bps integer CHECK (max_rate_bps BETWEEN 0 AND 10000),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (closes_at IS NULL OR closes_at > opens_at),
  CHECK (kind = 'ROLLING' OR closes_at IS NOT NULL)
);

CREATE TABLE role_grant (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON UPDATE CASCADE ON DELETE CASCADE,
  role role NOT NULL,
  call_id uuid REFERENCES call (id) ON UPDATE CASCADE ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT role_grant_user_id_role_call_id_key UNIQUE NULLS NOT DISTINCT (user_id, role, call_id)
);
CREATE INDEX role_grant_call_id_idx ON role_grant (call_id);

CREATE TABLE call_category (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call (id) ON UPDATE CASCADE ON DELETE CASCADE,
  key text NOT NULL,
  label text NOT NULL,
  position integer NOT NULL,
  UNIQUE (call_id, key)
);

CREATE TABLE criterion (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call (id) ON UPDATE CASCADE ON DELETE CASCADE,
  key text NOT NULL,
  label text NOT NULL,
  help_text text,
  weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
  position integer NOT NULL,
  UNIQUE (call_id, key)
);

CREATE TABLE dossier (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  administration_id uuid NOT NULL REFERENCES administration (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  category_id uuid REFERENCES call_category (id) ON UPDATE CASCADE ON DELETE SET NULL,
  created_by_id uuid REFERENCES app_user (id) ON UPDATE CASCADE ON DELETE SET NULL,
  reference text UNIQUE,
  title text NOT NULL,
  summary text NOT NULL,
  status dossier_status NOT NULL DEFAULT 'DRAFT',
  requested_cents bigint NOT NULL DEFAULT 0 CHECK (requested_cents >= 0),
  total_cost_cents bigint NOT NULL DEFAULT 0 CHECK (total_cost_cents >= 0),
  content jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  submitted_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX dossier_call_id_status_idx ON dossier (call_id, status);
CREATE INDEX dossier_administration_id_idx ON dossier (administration_id);

CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  data jsonb NOT NULL DEFAULT '{}',
  prev_hash char(64),
  hash char(64) NOT NULL UNIQUE
);
CREATE INDEX audit_event_entity_type_entity_id_idx ON audit_event (entity_type, entity_id);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- migrate:down
DROP TABLE audit_event, dossier, criterion, call_category, role_grant, call, app_user, administration, ministry;
DROP FUNCTION audit_event_append_only();
DROP TYPE dossier_status, call_phase, call_kind, role, administration_kind;
