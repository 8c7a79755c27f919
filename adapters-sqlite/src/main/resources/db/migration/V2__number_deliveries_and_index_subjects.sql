-- Deliveries become an audit log: every delivery gets a row, a redelivery included, numbered in
-- the order it was recorded so the log can be paged newest first. Only the first delivery of a
-- source's delivery id (any decision but 'duplicate') stays unique; that uniqueness is what keeps
-- a redelivery from creating a second agent.
--
-- SQLite cannot add a primary key to a table, so the table is rebuilt: create, copy, drop,
-- rename. No table references deliveries, and every agent_id copied already references an agent,
-- so foreign keys hold throughout and need not be switched off.

CREATE TABLE deliveries_numbered (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  source      TEXT    NOT NULL,
  delivery_id TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  decision    TEXT    NOT NULL,
  reason      TEXT,
  agent_id    TEXT REFERENCES agents (id),
  received_at INTEGER NOT NULL
);

-- Existing rows are numbered in the order they were received.
INSERT INTO deliveries_numbered
  (source, delivery_id, kind, decision, reason, agent_id, received_at)
SELECT source, delivery_id, kind, decision, reason, agent_id, received_at
FROM deliveries
ORDER BY received_at, source, delivery_id;

DROP TABLE deliveries;

ALTER TABLE deliveries_numbered RENAME TO deliveries;

-- One original per delivery; queries that look for it repeat the condition word for word.
CREATE UNIQUE INDEX deliveries_original ON deliveries (source, delivery_id)
  WHERE decision <> 'duplicate';

-- Newest-first pages of the log, filtered by source or by decision.
CREATE INDEX deliveries_by_source ON deliveries (source, id);
CREATE INDEX deliveries_by_decision ON deliveries (decision, id);

-- The agents on one subject: those still open, and how many were created lately. A burst of
-- webhooks asks this for every delivery, so it reads this index alone.
CREATE INDEX agents_by_subject ON agents (source, subject, created_at);
