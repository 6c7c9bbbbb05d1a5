-- Remember when each reminder last fired on schedule, so listings can say "last reminded …" and a
-- snooze knows which occurrence it repeats without searching the ledger. Backfilled from the ledger.
ALTER TABLE reminders ADD COLUMN last_fired_at_ms INTEGER;

UPDATE reminders
SET last_fired_at_ms = (
    SELECT max(due_at_ms) FROM occurrences
    WHERE occurrences.reminder_id = reminders.id AND occurrences.kind = 'scheduled'
);
