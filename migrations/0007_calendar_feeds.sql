-- Calendar feeds (`/remind calendar`): one private feed per user, reached at /calendar/{token}.ics. Only the
-- SHA-256 of the 128-bit random token is kept (hex), so a copy of the database does not open anyone's feed;
-- `/remind calendar reset` replaces the row, which revokes the old address.
CREATE TABLE calendar_feeds (
    user_id       TEXT    PRIMARY KEY,           -- Mattermost user id
    token_hash    TEXT    NOT NULL UNIQUE,       -- lower-case hex SHA-256 of the token
    created_at_ms INTEGER NOT NULL
) STRICT;
