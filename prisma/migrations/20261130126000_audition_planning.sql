-- migrate:up
CREATE TABLE audition_plan (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call (id) ON DELETE CASCADE ON UPDATE CASCADE,
  days jsonb NOT NULL DEFAULT '[]',
  location text,
  video_url text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX audition_plan_call_id_key ON audition_plan (call_id);

CREATE TABLE audition_slot (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES audition_plan (id) ON DELETE CASCADE ON UPDATE CASCADE,
  day text NOT NULL,
  starts_at timestamptz(3) NOT NULL,
  ends_at timestamptz(3) NOT NULL,
  dossier_id uuid REFERENCES dossier (id) ON DELETE SET NULL ON UPDATE CASCADE,
  convoked_at timestamptz(3),
  CHECK (ends_at > starts_at)
);
CREATE UNIQUE INDEX audition_slot_dossier_id_key ON audition_slot (dossier_id);
CREATE UNIQUE INDEX audition_slot_plan_id_starts_at_key ON audition_slot (plan_id, starts_at);

-- migrate:down
DROP TABLE audition_slot;
DROP TABLE audition_plan;
