-- Team reminders (`/remind @ana @ben @sam to … as a team`): one reminder, posted in the channel where it was
-- set (target_kind 'channel'), with a Complete button per person. team_members lists the people as
-- space-separated `<user id>:<username>` pairs (NULL for other reminders).
ALTER TABLE reminders ADD COLUMN team_members TEXT;

-- Who of a team is done with one firing: the round is the due time of the scheduled occurrence (its nags
-- belong to the same round).
CREATE TABLE team_completions (
    reminder_id     INTEGER NOT NULL REFERENCES reminders (id),
    round_ms        INTEGER NOT NULL,
    user_id         TEXT    NOT NULL,
    username        TEXT    NOT NULL,
    completed_at_ms INTEGER NOT NULL,
    PRIMARY KEY (reminder_id, round_ms, user_id)
) STRICT;
