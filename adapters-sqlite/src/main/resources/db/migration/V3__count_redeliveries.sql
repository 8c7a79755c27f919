-- A delivery id sent again and again (a replayed GitHub delivery carries no time, so its signature
-- stays good for ever) added a duplicate row each time, and the log grew with every replay. The
-- original now counts every later delivery of its id, and only the newest few duplicate rows of
-- an id are kept; the index below finds them without touching any other delivery's entry, since
-- only duplicate rows are in it.
ALTER TABLE deliveries ADD COLUMN redeliveries INTEGER NOT NULL DEFAULT 0;

CREATE INDEX deliveries_duplicates ON deliveries (source, delivery_id, id)
  WHERE decision = 'duplicate';

-- Duplicates recorded before this version are counted once, in one pass over them.
UPDATE deliveries SET redeliveries = counted.n
FROM (
  SELECT source, delivery_id, count(*) AS n FROM deliveries
  WHERE decision = 'duplicate'
  GROUP BY source, delivery_id
) AS counted
WHERE deliveries.source = counted.source
  AND deliveries.delivery_id = counted.delivery_id
  AND deliveries.decision <> 'duplicate';
