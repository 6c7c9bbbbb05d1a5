-- Several nodes share one PostgreSQL database; exactly one of them delivers. It holds this lease,
-- renewing it every second. A node takes over an expired lease by bumping `epoch`, and every claim of
-- an occurrence checks (and share-locks) the row with the epoch its node holds, so a paused or cut-off
-- ex-leader is fenced out: its claims fail and it posts nothing it has not claimed.
-- Times are the database server's clock (one clock for every node), as UTC milliseconds.
CREATE TABLE delivery_lease (
    name           TEXT    PRIMARY KEY,
    holder         TEXT    NOT NULL,          -- the node id (REMIND_NODE_ID, else host name and pid)
    epoch          BIGINT  NOT NULL CHECK (epoch > 0),
    expires_at_ms  BIGINT  NOT NULL,
    acquired_at_ms BIGINT  NOT NULL           -- when this epoch began
);
