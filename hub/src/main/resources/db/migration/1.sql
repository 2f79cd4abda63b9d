-- observations and the batch ledger
-- Every observation as it arrived: addresses are the anonymized values a node sent (the hub never
-- holds the key), as two BIGINTs (IPv4: hi = 0, lo = the 32 bits), which makes /24 and /48 grouping
-- a mask. Absent fields (-1 on the node) are NULL. No index: DuckDB's per-row-group min/max
-- (zonemaps) prune time ranges, and appends stay fast.
CREATE TABLE observations (
  ts_ns BIGINT NOT NULL,
  institution VARCHAR NOT NULL,
  node VARCHAR NOT NULL,
  ip_version TINYINT NOT NULL,
  src_hi BIGINT NOT NULL,
  src_lo BIGINT NOT NULL,
  dst_hi BIGINT NOT NULL,
  dst_lo BIGINT NOT NULL,
  protocol VARCHAR NOT NULL,
  src_port INTEGER,
  dst_port INTEGER,
  tcp_flags INTEGER,
  seq BIGINT,
  ack BIGINT,
  "window" INTEGER,
  ttl INTEGER,
  ip_id INTEGER,
  tcp_options BLOB NOT NULL,
  icmp_type INTEGER,
  icmp_code INTEGER,
  payload_length INTEGER,
  tool VARCHAR,
  kind VARCHAR,
  spoof_suspect BOOLEAN,
  anon_key_id VARCHAR,
  reported_node VARCHAR NOT NULL
);

-- One row per stored batch, written in the same transaction as its observations: the dedup key.
CREATE TABLE batches (
  batch_id UUID PRIMARY KEY,
  institution VARCHAR NOT NULL,
  node VARCHAR NOT NULL,
  received_ns BIGINT NOT NULL,
  observations INTEGER NOT NULL
);
