-- sessions: a relayed connection's fields on its observation row
-- Listener mode turns one whole TCP connection into one observation; these columns keep what the
-- node measured about it. NULL on every packet observation (DuckDB's per-row-group statistics then
-- skip packet-only row groups when listing sessions). first_bytes is what the source sent first,
-- at most the node's payload-bytes, stored as it arrived: the API escapes it, never renders it.
ALTER TABLE observations ADD COLUMN session_duration_ns BIGINT;
ALTER TABLE observations ADD COLUMN session_bytes_in BIGINT;
ALTER TABLE observations ADD COLUMN session_bytes_out BIGINT;
ALTER TABLE observations ADD COLUMN session_app VARCHAR;
ALTER TABLE observations ADD COLUMN session_end VARCHAR;
ALTER TABLE observations ADD COLUMN session_first BLOB;
