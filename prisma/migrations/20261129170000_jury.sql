-- migrate:up
CREATE TYPE jury_comment_mode AS ENUM ('PER_CRITERION', 'OVERALL');
CREATE TYPE conflict_type AS ENUM ('SAME_ADMINISTRATION', 'PROFESSIONAL', 'PERSONAL', 'OTHER');
CREATE TYPE conflict_source AS ENUM ('DECLARED', 'STAFF', 'PROPOSED');
CREATE TYPE conflict_status AS ENUM ('PROPOSED', 'CONFIRMED', 'DISMISSED');
CREATE TYPE jury_decision_kind AS ENUM ('LAUREATE', 'NOT_RETAINED', 'WAITING_LIST');

ALTER TABLE criterion ADD COLUMN threshold_half integer CHECK (threshold_half >= 0);

CREATE TABLE scoring_grid (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL UNIQUE REFERENCES call(id) ON DELETE CASCADE,
  scale_max_half integer NOT NULL DEFAULT 10 CHECK (scale_max_half BETWEEN 2 AND 40),
  step_half integer NOT NULL DEFAULT 1 CHECK (step_half IN (1, 2)),
  comment_mode jury_comment_mode NOT NULL DEFAULT 'PER_CRITERION',
  contested_spread_half integer NOT NULL DEFAULT 3 CHECK (contested_spread_half > 0),
  cut_size integer NOT NULL DEFAULT 0 CHECK (cut_size >= 0),
  tie_break text[] NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE jury_member (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  is_chair boolean NOT NULL DEFAULT false,
  confidentiality_accepted_at timestamptz(3),
  declared_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (call_id, user_id)
);
CREATE INDEX jury_member_user_id_idx ON jury_member (user_id);

CREATE TABLE jury_dossier (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL UNIQUE REFERENCES dossier(id) ON DELETE CASCADE,
  position integer NOT NULL,
  audition_starts_at timestamptz(3),
  audition_ends_at timestamptz(3),
  locked_at timestamptz(3),
  decision jury_decision_kind,
  granted_cents bigint CHECK (granted_cents >= 0),
  motivation text,
  decided_at timestamptz(3),
  feedback_draft text,
  feedback_released_at timestamptz(3),
  CHECK (granted_cents IS NULL OR decision = 'LAUREATE')
);

CREATE TABLE jury_conflict (
  id uuid PRIMARY KEY,
  member_id uuid NOT NULL REFERENCES jury_member(id) ON DELETE CASCADE,
  jury_dossier_id uuid NOT NULL REFERENCES jury_dossier(id) ON DELETE CASCADE,
  type conflict_type NOT NULL,
  reason text NOT NULL,
  source conflict_source NOT NULL,
  status conflict_status NOT NULL,
  locked_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (member_id, jury_dossier_id)
);
CREATE INDEX jury_conflict_jury_dossier_id_idx ON jury_conflict (jury_dossier_id);

CREATE TABLE jury_evaluation (
  id uuid PRIMARY KEY,
  member_id uuid NOT NULL REFERENCES jury_member(id) ON DELETE CASCADE,
  jury_dossier_id uuid NOT NULL REFERENCES jury_dossier(id) ON DELETE CASCADE,
  overall_comment text,
  feedback text,
  internal_note text,
  submitted_at timestamptz(3),
  revision integer NOT NULL DEFAULT 0,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (member_id, jury_dossier_id)
);
CREATE INDEX jury_evaluation_jury_dossier_id_idx ON jury_evaluation (jury_dossier_id);

CREATE TABLE jury_score (
  id uuid PRIMARY KEY,
  evaluation_id uuid NOT NULL REFERENCES jury_evaluation(id) ON DELETE CASCADE,
  criterion_id uuid NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
  value_half integer NOT NULL CHECK (value_half >= 0),
  comment text,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (evaluation_id, criterion_id)
);
CREATE INDEX jury_score_criterion_id_idx ON jury_score (criterion_id);

CREATE TABLE jury_operation (
  id uuid PRIMARY KEY,
  op_id text NOT NULL UNIQUE,
  member_id uuid NOT NULL REFERENCES jury_member(id) ON DELETE CASCADE,
  outcome jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX jury_operation_member_id_idx ON jury_operation (member_id);

-- migrate:down
DROP TABLE jury_operation, jury_score, jury_evaluation, jury_conflict, jury_dossier, jury_member, scoring_grid;
ALTER TABLE criterion DROP COLUMN threshold_half;
DROP TYPE jury_decision_kind, conflict_status, conflict_source, conflict_type, jury_comment_mode;
