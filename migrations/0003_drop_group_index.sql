-- No query looks reminders up by group_id (a group is only ever read together with its rows, by
-- creator or target), so the index only cost every insert one more B-tree page written and synced.
DROP INDEX IF EXISTS reminders_by_group;
