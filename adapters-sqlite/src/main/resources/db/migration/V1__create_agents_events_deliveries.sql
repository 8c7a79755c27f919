-- Times are epoch milliseconds (UTC) in INTEGER columns: exact at millisecond precision and
-- ordered correctly by plain comparison.

CREATE TABLE agents (
  id              TEXT    NOT NULL PRIMARY KEY,
  source          TEXT    NOT NULL,
  webhook_event   TEXT    NOT NULL,
  action          TEXT,
  delivery_id     TEXT    NOT NULL,
  repo            TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  url             TEXT,
  prompt          TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  session_id      TEXT,
  task_id         TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  -- When the agent became running; what the maximum run time is measured from.
  started_at      INTEGER,
  -- Dispatch bookkeeping: who holds the agent until when, and when it is due again.
  lease_owner     TEXT,
  lease_until     INTEGER,
  next_attempt_at INTEGER
);

-- Newest-first listing, filtered by one of status, source or repo (ids sort by creation time).
CREATE INDEX agents_by_status ON agents (status, id);
CREATE INDEX agents_by_source ON agents (source, id);
CREATE INDEX agents_by_repo ON agents (repo, id);

-- Claiming due work: only agents that wait for dispatch are indexed, oldest first, with every
-- column that decides whether one is due, so a claim reads this small index alone, in order,
-- until it has enough. Queries name it (INDEXED BY) and repeat its status test word for word.
CREATE INDEX agents_waiting ON agents (id, next_attempt_at, lease_until, status)
  WHERE status IN ('pending', 'session_created');

-- Finding agents that have run too long, longest first.
CREATE INDEX agents_running ON agents (started_at, id) WHERE status = 'running';

CREATE TABLE agent_events (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  agent_id TEXT    NOT NULL REFERENCES agents (id),
  status   TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  detail   TEXT
);

CREATE INDEX agent_events_by_agent ON agent_events (agent_id, id);

CREATE TABLE deliveries (
  source      TEXT    NOT NULL,
  delivery_id TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  decision    TEXT    NOT NULL,
  reason      TEXT,
  agent_id    TEXT REFERENCES agents (id),
  received_at INTEGER NOT NULL,
  PRIMARY KEY (source, delivery_id)
) WITHOUT ROWID;

-- One row that readiness checks rewrite to prove a write can be committed.
CREATE TABLE heartbeat (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
);
