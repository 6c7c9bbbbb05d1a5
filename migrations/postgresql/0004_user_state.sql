-- Per-user state that lived in `settings` under keys made from a user id: the post of the user's current
-- `/remind list` (`list_post.<id>`, deleted when a newer list is posted) and the secret list buttons carried
-- before signed tokens (`user_secret.<id>`, only read: an old button from that time answers "out of date").
-- `settings` keeps the installation's own values (install id, signing keys).
CREATE TABLE user_state (
    user_id              TEXT PRIMARY KEY,  -- Mattermost user id
    list_post_id         TEXT,              -- the user's current list post
    legacy_button_secret TEXT               -- the pre-signed-token button secret
);

INSERT INTO user_state (user_id, list_post_id)
    SELECT substr(key, 11), value FROM settings WHERE substr(key, 1, 10) = 'list_post.' AND value <> '';
INSERT INTO user_state (user_id, legacy_button_secret)
    SELECT substr(key, 13), value FROM settings WHERE substr(key, 1, 12) = 'user_secret.'
    ON CONFLICT (user_id) DO UPDATE SET legacy_button_secret = excluded.legacy_button_secret;
DELETE FROM settings WHERE substr(key, 1, 10) = 'list_post.' OR substr(key, 1, 12) = 'user_secret.';
