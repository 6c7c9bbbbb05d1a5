-- History: who completed or snoozed each fired occurrence (the username shown in `/remind history`),
-- and until when a snooze of it was set. NULL when nobody did (or before this version).
ALTER TABLE occurrences ADD COLUMN completed_by TEXT;
ALTER TABLE occurrences ADD COLUMN snoozed_by TEXT;
ALTER TABLE occurrences ADD COLUMN snoozed_until_ms INTEGER;
