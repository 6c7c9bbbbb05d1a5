-- What SQLite's migrations 0004–0009 add, in one step: thread links, skipped occurrences, who
-- completed or snoozed an occurrence, calendar feeds, nagging and team reminders. Same columns and
-- meanings as there (see those files for each one's purpose).
ALTER TABLE reminders ADD COLUMN thread_root_id TEXT;
ALTER TABLE reminders ADD COLUMN thread_url TEXT;
ALTER TABLE reminders ADD COLUMN thread_quote TEXT;

CREATE TABLE skipped_occurrences (
    reminder_id   BIGINT  NOT NULL REFERENCES reminders (id),
    due_at_ms     BIGINT  NOT NULL,
    skipped_by    TEXT    NOT NULL,
    skipped_at_ms BIGINT  NOT NULL,
    PRIMARY KEY (reminder_id, due_at_ms)
);

ALTER TABLE occurrences ADD COLUMN completed_by TEXT;
ALTER TABLE occurrences ADD COLUMN snoozed_by TEXT;
ALTER TABLE occurrences ADD COLUMN snoozed_until_ms BIGINT;

CREATE TABLE calendar_feeds (
    user_id       TEXT    PRIMARY KEY,
    token_hash    TEXT    NOT NULL UNIQUE,
    created_at_ms BIGINT  NOT NULL
);

ALTER TABLE reminders ADD COLUMN nag_interval_s BIGINT CHECK (nag_interval_s IS NULL OR nag_interval_s >= 300);
ALTER TABLE reminders ADD COLUMN nag_all_day BIGINT NOT NULL DEFAULT 0 CHECK (nag_all_day IN (0, 1));
ALTER TABLE reminders ADD COLUMN nag_zone TEXT;
ALTER TABLE reminders ADD COLUMN nags_sent BIGINT NOT NULL DEFAULT 0 CHECK (nags_sent >= 0);

ALTER TABLE reminders ADD COLUMN team_members TEXT;

CREATE TABLE team_completions (
    reminder_id     BIGINT  NOT NULL REFERENCES reminders (id),
    round_ms        BIGINT  NOT NULL,
    user_id         TEXT    NOT NULL,
    username        TEXT    NOT NULL,
    completed_at_ms BIGINT  NOT NULL,
    PRIMARY KEY (reminder_id, round_ms, user_id)
);
