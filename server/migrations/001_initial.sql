-- Reference central service, initial schema. Calendar dates are text (YYYY-MM-DD), months
-- are integers (YYYYMM), money is integer fen: the same values come back from PGlite and pg.

CREATE TABLE kiosks (
  id text PRIMARY KEY,
  name text NOT NULL,
  secret text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  disabled boolean NOT NULL DEFAULT false,
  last_heartbeat_at timestamptz,
  last_heartbeat jsonb
);

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  kiosk_id text REFERENCES kiosks(id)
);

CREATE TABLE request_nonces (
  kiosk_id text NOT NULL,
  nonce text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kiosk_id, nonce)
);
CREATE INDEX request_nonces_seen_at ON request_nonces (seen_at);

CREATE TABLE persons (
  id bigserial PRIMARY KEY,
  id_number text NOT NULL UNIQUE,
  name text NOT NULL,
  sex smallint NOT NULL,
  birth_date text NOT NULL,
  phone text NOT NULL
);

CREATE TABLE insurances (
  person_id bigint NOT NULL REFERENCES persons(id),
  type text NOT NULL,
  status text NOT NULL,
  start_date text NOT NULL,
  employer text NOT NULL,
  PRIMARY KEY (person_id, type)
);

CREATE TABLE contributions (
  person_id bigint NOT NULL REFERENCES persons(id),
  type text NOT NULL,
  month integer NOT NULL,
  base_fen bigint NOT NULL,
  employer_fen bigint NOT NULL,
  personal_fen bigint NOT NULL,
  paid boolean NOT NULL,
  PRIMARY KEY (person_id, month, type)
);

CREATE TABLE medical_accounts (
  person_id bigint PRIMARY KEY REFERENCES persons(id),
  balance_fen bigint NOT NULL,
  as_of text NOT NULL
);

CREATE TABLE medical_transactions (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES persons(id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  place text NOT NULL,
  amount_fen bigint NOT NULL,
  balance_after_fen bigint NOT NULL
);
CREATE INDEX medical_transactions_person ON medical_transactions (person_id, at DESC);

CREATE TABLE pension_accounts (
  person_id bigint PRIMARY KEY REFERENCES persons(id),
  total_fen bigint NOT NULL,
  personal_fen bigint NOT NULL,
  months_paid integer NOT NULL,
  as_of text NOT NULL
);

CREATE TABLE benefits (
  id bigserial PRIMARY KEY,
  person_id bigint NOT NULL REFERENCES persons(id),
  type text NOT NULL,
  month integer NOT NULL,
  amount_fen bigint NOT NULL,
  description text NOT NULL
);
CREATE INDEX benefits_person ON benefits (person_id, month DESC);

CREATE TABLE cards (
  id bigserial PRIMARY KEY,
  card_number text NOT NULL UNIQUE,
  person_id bigint NOT NULL REFERENCES persons(id),
  card_identification_code text NOT NULL UNIQUE,
  algorithm text NOT NULL,
  spec_version text NOT NULL,
  status text NOT NULL,
  -- The status a pre-report returns to when it is cancelled or lapses.
  status_before_pre_report text,
  pre_report_valid_until timestamptz,
  bank text NOT NULL,
  issue_date text NOT NULL,
  expiry_date text NOT NULL,
  replacement_stage text,
  replacement_applied_at timestamptz,
  status_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cards_person ON cards (person_id);

CREATE TABLE card_events (
  id bigserial PRIMARY KEY,
  card_id bigint NOT NULL REFERENCES cards(id),
  from_status text NOT NULL,
  to_status text NOT NULL,
  reason text NOT NULL,
  kiosk_id text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX card_events_card ON card_events (card_id, at);

CREATE TABLE card_sessions (
  id text PRIMARY KEY,
  kiosk_id text NOT NULL REFERENCES kiosks(id),
  card_id bigint NOT NULL REFERENCES cards(id),
  challenge text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  auth_attempts integer NOT NULL DEFAULT 0,
  token_hash text UNIQUE,
  authenticated_at timestamptz
);

CREATE TABLE identity_challenges (
  id text PRIMARY KEY,
  kiosk_id text NOT NULL REFERENCES kiosks(id),
  person_id bigint REFERENCES persons(id),
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  verified_at timestamptz
);

-- Development SMS sink: only written when the service runs in demo/test mode.
CREATE TABLE dev_sms_messages (
  id bigserial PRIMARY KEY,
  phone text NOT NULL,
  text text NOT NULL,
  challenge_id text,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rate_counters (
  bucket text NOT NULL,
  window_start bigint NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

CREATE TABLE idempotency_records (
  kiosk_id text NOT NULL,
  key text NOT NULL,
  operation text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kiosk_id, key)
);

CREATE TABLE loss_reports (
  reference text PRIMARY KEY,
  card_id bigint NOT NULL REFERENCES cards(id),
  kiosk_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz NOT NULL,
  cancelled_at timestamptz
);

CREATE TABLE statements (
  code text PRIMARY KEY,
  kiosk_id text NOT NULL,
  person_id bigint NOT NULL REFERENCES persons(id),
  kind text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  summary jsonb NOT NULL
);

CREATE TABLE hotlist_changes (
  version bigserial PRIMARY KEY,
  card_number text NOT NULL,
  action text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kiosk_commands (
  id bigserial PRIMARY KEY,
  kiosk_id text NOT NULL REFERENCES kiosks(id),
  type text NOT NULL,
  message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);

CREATE TABLE server_keys (
  name text PRIMARY KEY,
  value text NOT NULL
);
