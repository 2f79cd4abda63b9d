-- rollups: per-day counts and distinct-count sketches for the dashboard's long windows
-- Top ports, top source prefixes, the summary and the timeseries over weeks would otherwise group
-- every stored observation (0.2-0.8 s at 10 M rows on two cores). These tables hold, per UTC day (or
-- hour) and node, the count of observations and k-minimum-values sketches (the 256 smallest distinct DuckDB hash() values) of the
-- sources and ports seen: sketches of parts merge into the sketch of the whole (union, keep the 256
-- smallest), and a set with fewer than 256 members is counted exactly. Ingest only marks the days
-- it wrote to as dirty (in the same transaction as the rows); a job recounts dirty days from the raw
-- rows; queries read raw rows for dirty days, so an answer is exact whatever the job has done yet.
CREATE TABLE rollup_ports (
  day INTEGER NOT NULL,               -- UTC days since the epoch of ts_ns
  node_id SMALLINT NOT NULL,
  protocol TINYINT NOT NULL,
  dst_port INTEGER,                   -- NULL for ICMP, as on observations
  n BIGINT NOT NULL,
  sources UBIGINT[] NOT NULL          -- sketch of hash(src_hi, src_lo)
);

CREATE TABLE rollup_prefixes (
  day INTEGER NOT NULL,
  node_id SMALLINT NOT NULL,
  ip_version TINYINT NOT NULL,
  prefix BIGINT NOT NULL,             -- the /24 (IPv4, of src_lo) or /48 (IPv6, of src_hi) as a masked value
  n BIGINT NOT NULL,
  first_ns BIGINT NOT NULL,
  last_ns BIGINT NOT NULL,
  sources UBIGINT[] NOT NULL,         -- sketch of hash(src_hi, src_lo)
  ports UBIGINT[] NOT NULL            -- sketch of hash(dst_port), ports only
);

-- Counts per hour, node, kind and tool: the summary and the timeseries over long windows.
CREATE TABLE rollup_counts (
  day INTEGER NOT NULL,
  hour INTEGER NOT NULL,              -- UTC hours since the epoch of ts_ns
  node_id SMALLINT NOT NULL,
  kind TINYINT,                       -- as on observations: NULL without a fingerprint
  tool_id SMALLINT,
  n BIGINT NOT NULL,
  sessions BIGINT NOT NULL,           -- rows with a relayed session
  first_ns BIGINT NOT NULL,
  last_ns BIGINT NOT NULL
);

-- Days whose raw rows changed since their rollup rows were counted.
CREATE TABLE rollup_dirty (
  day BIGINT PRIMARY KEY
);

-- hash() is DuckDB's own: a sketch is only valid with the hash it was built with. The hub compares
-- this fingerprint of the running DuckDB's hash() on open and marks every day dirty when it changed
-- (or was never recorded: a store from before this migration).
CREATE TABLE rollup_state (
  hash_check UBIGINT NOT NULL
);
