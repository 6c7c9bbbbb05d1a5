-- Every index is one more B-tree page each insert writes and syncs, so keep only what queries use.

-- No query looks reminders up by group_id (a group is only ever read with its rows, by creator or
-- target).
DROP INDEX IF EXISTS reminders_by_group;

-- Most reminders are "/remind me": addressed to their creator, and so already found through
-- reminders_by_creator. Indexing targets only for rows addressed to someone else (another user, or
-- a channel, whose id is never a user id) halves the index pages a typical insert touches.
-- Queries by target say `target_id <> creator_id` so the planner can use this partial index.
DROP INDEX IF EXISTS reminders_by_target;
CREATE INDEX reminders_for_others ON reminders (target_id, state) WHERE target_id <> creator_id;
