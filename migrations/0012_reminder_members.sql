-- The people of a team reminder, one row each, so that every member's `/remind list`, history and calendar
-- feed find it through an index (team_members keeps the names for display). Written with the reminder;
-- existing team reminders are filled in from team_members (space-separated `<user id>:<username>` pairs).
CREATE TABLE reminder_members (
    reminder_id INTEGER NOT NULL REFERENCES reminders (id),
    user_id     TEXT    NOT NULL,
    PRIMARY KEY (reminder_id, user_id)
) STRICT;

CREATE INDEX reminder_members_by_user ON reminder_members (user_id, reminder_id);

WITH RECURSIVE pairs (reminder_id, pair, rest) AS (
    SELECT id, '', team_members || ' ' FROM reminders WHERE team_members IS NOT NULL
    UNION ALL
    SELECT reminder_id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
    FROM pairs WHERE rest <> ''
)
INSERT INTO reminder_members (reminder_id, user_id)
    SELECT reminder_id, substr(pair, 1, instr(pair, ':') - 1) FROM pairs WHERE instr(pair, ':') > 1
    ON CONFLICT (reminder_id, user_id) DO NOTHING;
