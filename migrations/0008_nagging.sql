-- Nag until done (`… and nag every 30 minutes`): after each firing the reminder fires again every
-- nag_interval_s seconds (through the snooze timer, snoozed_until_ms, so each nag is one ledger row of kind
-- 'snooze') until Complete, at most 24 times; nags_sent counts those of the current firing. Quiet hours
-- (21:00–08:00 on the wall clock of nag_zone, the recipient's zone) are skipped unless nag_all_day = 1.
ALTER TABLE reminders ADD COLUMN nag_interval_s INTEGER CHECK (nag_interval_s IS NULL OR nag_interval_s >= 300);
ALTER TABLE reminders ADD COLUMN nag_all_day INTEGER NOT NULL DEFAULT 0 CHECK (nag_all_day IN (0, 1));
ALTER TABLE reminders ADD COLUMN nag_zone TEXT;
ALTER TABLE reminders ADD COLUMN nags_sent INTEGER NOT NULL DEFAULT 0 CHECK (nags_sent >= 0);
