-- observations, the batch ledger and their name dictionaries
-- Every observation as it arrived. Addresses are the anonymized values a node sent (the hub never
-- holds the key), as two BIGINTs (IPv4: hi = 0, lo = the 32 bits), which makes /24 and /48 grouping
-- a mask. Absent fields (-1 on the node) are NULL. Names that repeat on every row (node, tool, key
-- id) are small integers into dictionary tables: appends write numbers, group-bys hash numbers. No
-- index on observations: DuckDB's per-row-group min/max (zonemaps) prune time ranges, and appends
-- stay fast.
CREATE TABLE nodes (
  node_id SMALLINT PRIMARY KEY,
  name VARCHAR NOT NULL,
  institution VARCHAR NOT NULL,
  UNIQUE (name, institution)
);

CREATE TABLE tools (
  tool_id SMALLINT PRIMARY KEY,
  name VARCHAR NOT NULL UNIQUE
);

CREATE TABLE anon_keys (
  key_id SMALLINT PRIMARY KEY,
  name VARCHAR NOT NULL UNIQUE
);

CREATE TABLE observations (
  ts_ns BIGINT NOT NULL,              -- capture time, ns since the epoch
  node_id SMALLINT NOT NULL,          -- nodes: the peer the batch came from
  ip_version TINYINT NOT NULL,
  src_hi BIGINT NOT NULL,
  src_lo BIGINT NOT NULL,
  dst_hi BIGINT NOT NULL,
  dst_lo BIGINT NOT NULL,
  protocol TINYINT NOT NULL,          -- IANA number: 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6
  src_port INTEGER,
  dst_port INTEGER,
  tcp_flags SMALLINT,
  seq BIGINT,
  ack BIGINT,
  "window" INTEGER,
  ttl SMALLINT,
  ip_id INTEGER,
  tcp_options BLOB NOT NULL,
  icmp_type SMALLINT,
  icmp_code SMALLINT,
  payload_length INTEGER,
  tool_id SMALLINT,                   -- tools; NULL without a fingerprint
  kind TINYINT,                       -- 1 probe, 2 backscatter, 3 other; NULL without a fingerprint
  spoof_suspect BOOLEAN,
  key_id SMALLINT                     -- anon_keys; NULL for raw addresses
);

-- One row per stored batch, written in the same transaction as its observations: the dedup key.
CREATE TABLE batches (
  batch_id UUID PRIMARY KEY,
  node_id SMALLINT NOT NULL,
  received_ns BIGINT NOT NULL,
  observations INTEGER NOT NULL,
  reported_nodes VARCHAR NOT NULL     -- the node names the observations carried (the node's own view)
);
