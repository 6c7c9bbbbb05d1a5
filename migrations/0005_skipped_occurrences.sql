-- Skip next: the occurrences of a recurring reminder that were skipped before they came due, and who
-- skipped them (for history, and EXDATE in the calendar feed).
CREATE TABLE skipped_occurrences (
    reminder_id   INTEGER NOT NULL REFERENCES reminders (id),
    due_at_ms     INTEGER NOT NULL,
    skipped_by    TEXT    NOT NULL,              -- Mattermost username of who pressed Skip
    skipped_at_ms INTEGER NOT NULL,
    PRIMARY KEY (reminder_id, due_at_ms)
) STRICT;
