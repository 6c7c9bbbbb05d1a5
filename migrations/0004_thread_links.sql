-- Reminders about a thread (`/remind me about this thread …` typed in a reply): the thread's root post,
-- its permalink (`{SiteURL}/{team}/pl/{root_id}`, built when the reminder is set) and the first line of
-- the root post when it could be read. All NULL for other reminders.
ALTER TABLE reminders ADD COLUMN thread_root_id TEXT;
ALTER TABLE reminders ADD COLUMN thread_url TEXT;
ALTER TABLE reminders ADD COLUMN thread_quote TEXT;
