-- remindd schema, version 1.
-- Conventions: every instant is UTC milliseconds since 1970 in an INTEGER column named *_ms;
-- Mattermost ids are TEXT; enumerations are TEXT with a CHECK so a bad value fails loudly.
-- STRICT tables (SQLite >= 3.37) refuse values of the wrong type instead of converting them.

-- One row per recipient: `/remind @ana @ben …` is two rows sharing a group_id (the id of the first).
CREATE TABLE reminders (
    id                INTEGER PRIMARY KEY,
    group_id          INTEGER NOT NULL,
    creator_id        TEXT    NOT NULL,           -- Mattermost user id of who typed the command
    creator_name      TEXT    NOT NULL,           -- their username, for display
    team_id           TEXT    NOT NULL,
    origin_channel_id TEXT    NOT NULL,           -- where the command ran
    target_kind       TEXT    NOT NULL CHECK (target_kind IN ('user', 'channel')),
    target_id         TEXT    NOT NULL,           -- Mattermost user id or channel id
    target_name       TEXT    NOT NULL,           -- username or channel name, for display
    message           TEXT    NOT NULL,
    phrase            TEXT    NOT NULL,           -- the original text after /remind
    time_zone         TEXT    NOT NULL,           -- IANA name the schedule is computed in
    rrule             TEXT,                       -- RFC 5545 RRULE; NULL for a one-off
    dtstart_ms        INTEGER,                    -- recurrence start; NULL for a one-off
    next_fire_at_ms   INTEGER,                    -- next scheduled occurrence; NULL when none
    snoozed_until_ms  INTEGER,                    -- one-time re-fire of the last occurrence
    fired_count       INTEGER NOT NULL DEFAULT 0 CHECK (fired_count >= 0),
    snooze_count      INTEGER NOT NULL DEFAULT 0 CHECK (snooze_count >= 0),
    state             TEXT    NOT NULL DEFAULT 'active'
                              CHECK (state IN ('active', 'completed', 'deleted')),
    created_at_ms     INTEGER NOT NULL,
    updated_at_ms     INTEGER NOT NULL,
    ended_at_ms       INTEGER,                    -- when it was completed or deleted
    CHECK ((rrule IS NULL) = (dtstart_ms IS NULL)),
    CHECK ((state = 'active') = (ended_at_ms IS NULL))
) STRICT;

-- The scheduler's two questions, "what is due before T", each answered from a small partial index
-- that holds only rows with something scheduled.
CREATE INDEX reminders_next_fire ON reminders (next_fire_at_ms)
    WHERE state = 'active' AND next_fire_at_ms IS NOT NULL;
CREATE INDEX reminders_snoozed_until ON reminders (snoozed_until_ms)
    WHERE state = 'active' AND snoozed_until_ms IS NOT NULL;

-- Listing: "my reminders" (created by me or addressed to me) and "this channel's reminders".
CREATE INDEX reminders_by_target ON reminders (target_id, state);
CREATE INDEX reminders_by_creator ON reminders (creator_id, state);
CREATE INDEX reminders_by_group ON reminders (group_id);

-- The delivery ledger: one row per (reminder, due time, kind) that was fired. Claiming inserts the
-- row before posting, so a crash or a lost response can never post the same occurrence twice
-- without the ledger knowing.
CREATE TABLE occurrences (
    id                 INTEGER PRIMARY KEY,
    reminder_id        INTEGER NOT NULL REFERENCES reminders (id),
    due_at_ms          INTEGER NOT NULL,
    kind               TEXT    NOT NULL CHECK (kind IN ('scheduled', 'snooze')),
    state              TEXT    NOT NULL DEFAULT 'claimed'
                               CHECK (state IN ('claimed', 'posted', 'failed')),
    action_token       TEXT    NOT NULL,          -- random 128-bit hex, checked on button callbacks
    post_id            TEXT,                      -- Mattermost post once posted
    channel_id         TEXT,                      -- channel posted to (the DM channel for a user)
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error         TEXT,
    next_attempt_at_ms INTEGER,                   -- when a failed attempt should be retried
    claimed_at_ms      INTEGER NOT NULL,
    posted_at_ms       INTEGER,
    completed_at_ms    INTEGER,                   -- Complete pressed for this occurrence
    UNIQUE (reminder_id, due_at_ms, kind)
) STRICT;

-- Restart recovery: occurrences claimed but neither posted nor given up on.
CREATE INDEX occurrences_unfinished ON occurrences (next_attempt_at_ms) WHERE state = 'claimed';

-- Generated secrets (e.g. the action-signing key) and cached bot identity.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
