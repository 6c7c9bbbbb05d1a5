-- The people of a team reminder, one row each, so that every member's `/remind list`, history and calendar
-- feed find it through an index (team_members keeps the names for display). Written with the reminder;
-- existing team reminders are filled in from team_members (space-separated `<user id>:<username>` pairs).
CREATE TABLE reminder_members (
    reminder_id BIGINT NOT NULL REFERENCES reminders (id),
    user_id     TEXT   NOT NULL,
    PRIMARY KEY (reminder_id, user_id)
);

CREATE INDEX reminder_members_by_user ON reminder_members (user_id, reminder_id);

INSERT INTO reminder_members (reminder_id, user_id)
    SELECT id, split_part(pair, ':', 1)
    FROM reminders, unnest(string_to_array(team_members, ' ')) AS pair
    WHERE team_members IS NOT NULL AND position(':' IN pair) > 1
    ON CONFLICT (reminder_id, user_id) DO NOTHING;
