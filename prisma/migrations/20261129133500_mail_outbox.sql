-- migrate:up
CREATE TYPE mail_status AS ENUM ('PENDING', 'SENT', 'FAILED');

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  "to" text NOT NULL,
  subject text NOT NULL,
  text text NOT NULL,
  html text,
  status mail_status NOT NULL DEFAULT 'PENDING',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
  locked_until timestamptz(3),
  last_error text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  sent_at timestamptz(3)
);
CREATE INDEX mail_outbox_status_next_attempt_at_idx ON mail_outbox (status, next_attempt_at);

-- migrate:down
DROP TABLE mail_outbox;
DROP TYPE mail_status;
