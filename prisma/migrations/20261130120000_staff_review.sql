-- migrate:up
-- Staff review (issue 6): private annotations, assignments, labels,
-- eligibility ticks, correction requests and embargoed preselection decisions.

-- Last time staff released the call's preselection decisions (the seed sets it
-- for the 2021 call, whose decisions were announced long ago).
ALTER TABLE call ADD COLUMN decisions_released_at timestamptz(3);

CREATE TYPE preselection_kind AS ENUM ('PRESELECTED', 'NOT_PRESELECTED');

CREATE TABLE review_annotation (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX review_annotation_dossier_id_created_at_idx ON review_annotation (dossier_id, created_at);

CREATE TABLE review_assignment (
  dossier_id uuid NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  assigned_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, user_id)
);
CREATE INDEX review_assignment_user_id_idx ON review_assignment (user_id);

CREATE TABLE review_tag (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  label text NOT NULL,
  colour text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (call_id, label)
);

CREATE TABLE review_dossier_tag (
  dossier_id uuid NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  tag_id uuid NOT NULL REFERENCES review_tag(id) ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, tag_id)
);
CREATE INDEX review_dossier_tag_tag_id_idx ON review_dossier_tag (tag_id);

CREATE TABLE eligibility_tick (
  dossier_id uuid NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  item_key text NOT NULL,
  met boolean NOT NULL,
  checked_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  checked_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, item_key)
);

CREATE TABLE correction_request (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  message text NOT NULL,
  due_at timestamptz(3) NOT NULL,
  requested_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  requested_at timestamptz(3) NOT NULL DEFAULT now(),
  answer text,
  answered_at timestamptz(3),
  resubmitted_at timestamptz(3)
);
CREATE INDEX correction_request_dossier_id_requested_at_idx ON correction_request (dossier_id, requested_at);

-- One decision per dossier; released_at NULL = under embargo (staff only).
CREATE TABLE preselection_decision (
  dossier_id uuid PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
  decision preselection_kind NOT NULL,
  reason text NOT NULL,
  decided_by_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  decided_at timestamptz(3) NOT NULL,
  released_at timestamptz(3),
  version integer NOT NULL DEFAULT 1
);

-- migrate:down
DROP TABLE preselection_decision, correction_request, eligibility_tick, review_dossier_tag, review_tag, review_assignment, review_annotation;
DROP TYPE preselection_kind;
ALTER TABLE call DROP COLUMN decisions_released_at;
