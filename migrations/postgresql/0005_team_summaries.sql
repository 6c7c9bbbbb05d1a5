-- The summary a team reminder's creator gets when a round ended with someone not done ("1 of 3 were done …").
-- The row is written in the same transaction as the claim of the next round, so a crash cannot lose it, and
-- it is posted to the creator's DM like a reminder post: with a delivery key that a restart looks for in the
-- channel before posting again, so a crash cannot double it either.
CREATE TABLE team_summaries (
    reminder_id   BIGINT  NOT NULL REFERENCES reminders (id),
    round_ms      BIGINT  NOT NULL,                  -- the round summarised: its scheduled due time
    state         TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'posted', 'dropped')),
    attempts      BIGINT  NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at_ms BIGINT  NOT NULL,
    posted_at_ms  BIGINT,
    post_id       TEXT,
    PRIMARY KEY (reminder_id, round_ms)
);

CREATE INDEX team_summaries_pending ON team_summaries (reminder_id) WHERE state = 'pending';
