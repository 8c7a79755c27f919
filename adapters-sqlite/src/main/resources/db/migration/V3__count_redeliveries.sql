-- A delivery id sent again and again (a replayed GitHub delivery carries no time, so its signature
-- stays good for ever) added a duplicate row each time. The original now counts every later
-- delivery of its id; only the first few of them get rows of their own.
ALTER TABLE deliveries ADD COLUMN redeliveries INTEGER NOT NULL DEFAULT 0;
