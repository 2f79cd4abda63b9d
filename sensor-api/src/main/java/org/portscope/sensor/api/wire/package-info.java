/**
 * The collector protocol: how a node ships {@link org.portscope.sensor.api.Observation}s to the hub
 * over the WireGuard overlay, and how the hub acknowledges them. This page is the specification; the
 * classes here are its reference implementation (JDK only, usable from a plugin).
 *
 * <h2>Connection</h2>
 * The node opens a TCP connection to the hub's collector address (the hub's overlay address,
 * configured on the node). There is no handshake and no login: the hub identifies the node by the
 * connection's source address, which inside the overlay is the node's overlay address (WireGuard
 * has authenticated it). A node whose address is not a registered peer gets every batch refused with
 * {@link org.portscope.sensor.api.wire.RefusalReason#UNKNOWN_PEER}. The node's own idea of its
 * name (the {@code node} field of each observation) is carried but the hub files the batch under the
 * name its peer registry gives the address.
 *
 * <h2>Frames</h2>
 * Both directions carry frames: {@code u32 length | u8 type | payload}, big-endian. {@code length}
 * counts the type byte and the payload and is 1..{@link
 * org.portscope.sensor.api.wire.WireLimits#MAX_FRAME_BYTES} (8 MiB); a reader that sees a larger
 * length closes the connection. Types: {@code 1} BATCH (node to hub), {@code 2} ACK (hub to node).
 * An unknown type, or a frame that cannot be parsed far enough to find a batch id, makes the hub
 * close the connection (the node reconnects with backoff and resends what is unacknowledged).
 *
 * <h2>BATCH payload</h2>
 * <pre>
 * u8    protocol version        1
 * 16 B  batch id                the node's id of the batch (see below)
 * u32   observation count       0..200,000
 * u8    compression             0 none, 1 deflate (zlib, RFC 1950), 2 gzip (RFC 1952)
 * u32   body length             after decompression, at most 32 MiB
 * ...   body                    the rest of the frame: the compressed concatenation of exactly
 *                               {count} observation records
 * </pre>
 * The version and the batch id keep their place in every future version, so a hub can always name
 * the batch it refuses. {@link org.portscope.sensor.api.wire.BatchMessage#of} builds one.
 *
 * <p><b>Batch id.</b> 16 bytes the node chooses ({@link org.portscope.sensor.api.wire.BatchId#random()}),
 * unique among all batches of all nodes, and stable: a batch is spooled together with its id and every
 * resend, also after the node restarts, uses the same id. Never re-batch spooled observations under
 * a new id. The hub stores a batch and records its id in one transaction, so a resend of a batch
 * whose ACK was lost is answered DUPLICATE and stored once.
 *
 * <h2>ACK payload</h2>
 * <pre>
 * u8    protocol version        1
 * 16 B  batch id                the batch answered
 * u8    status                  1 stored, 2 duplicate, 3 refused
 * u8    reason                  0 when not refused; 1 unknown peer, 2 malformed,
 *                               3 unsupported version, 4 store unavailable
 * u16   detail length           0..1024
 * ...   detail                  UTF-8 text for the node's log
 * </pre>
 * The hub answers every BATCH it could frame with exactly one ACK, in the order the batches arrived
 * on the connection, and only once the outcome is final: STORED is sent after the commit. A node
 * may therefore keep several batches in flight on one connection and match ACKs by batch id. The
 * hub works on at most 4 batches of one connection at a time and stops reading the connection
 * beyond that (TCP flow control then holds the node back), so a node gains nothing by sending far
 * ahead; a window of a few batches keeps the link busy.
 *
 * <h2>What a node must do with an ACK</h2>
 * <ul>
 *   <li>{@code STORED} or {@code DUPLICATE}: the batch is safe on the hub; delete it from the spool.
 *   <li>{@code REFUSED} with a {@linkplain org.portscope.sensor.api.wire.RefusalReason#retryable()
 *       retryable} reason (unknown peer, unsupported version, store unavailable, or a code the node
 *       does not know): keep the batch and resend it, same id, after a backoff with jitter.
 *   <li>{@code REFUSED} as malformed: the hub can never store these bytes; remove the batch from the
 *       spool, count it as rejected and log the detail (it names the defect).
 *   <li>No ACK (connection lost, timeout): the outcome is unknown; keep the batch and resend it with
 *       the same id after reconnecting. Deduplication makes that safe.
 * </ul>
 *
 * <h2>Observation record (layout versions 1 and 2)</h2>
 * <pre>
 * u16   record length           bytes after this field
 * u8    layout version          1, or 2 when the record carries a session
 * u16   presence bits           which optional fields follow (bit 0 = least significant)
 * i64   timestampNanos
 * u8    IP version              4 or 6
 * 4|16  src                     network order
 * 4|16  dst
 * u8    protocol                IANA number: 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6
 * u16   srcPort                 if bit 0
 * u16   dstPort                 if bit 1
 * u8    tcpFlags                if bit 2
 * u32   seq                     if bit 3
 * u32   ack                     if bit 4
 * u16   window                  if bit 5
 * u8    ttl                     if bit 6
 * u16   ipId                    if bit 7
 * u8    icmpType                if bit 8
 * u8    icmpCode                if bit 9
 * u32   payloadLength           if bit 10 (at most 2^31-1)
 * u8+n  tcpOptions              length, then the option bytes as sent
 * u8+n  node                    UTF-8, at most 255 bytes
 * u8+n  fingerprint.tool        if bit 11, then
 * u8    fingerprint.kind        1 probe, 2 backscatter, 3 other; bit 12 = spoofSuspect
 * u8+n  anonKeyId               if bit 13
 * -- layout 2 only: a relayed connection (listener mode), if bit 14 --
 * i64   session.durationNanos
 * i64   session.bytesFromSource
 * i64   session.bytesToSource
 * u16+n session.firstBytes      the first bytes the source sent, at most 16 KiB
 * u8+n  session.application     if bit 15 (ssh, http, tls, telnet, unknown)
 * u8+n  session.end             why it ended (source-closed, honeypot-closed, limit:idle, …)
 * </pre>
 * A writer uses layout 1 for every record without a session, so hubs that predate sessions keep
 * reading packets; a layout 2 record is refused by them as UNSUPPORTED_VERSION (retryable: the node
 * keeps the batch spooled until the hub is upgraded), never stored without its session.
 * A field absent in the record ({@code -1}, or {@code null}) has its presence bit clear and takes no
 * bytes. <b>Growing the layout:</b> new fields are appended at the end of the record under new
 * presence bits; a reader skips bytes after the fields it knows (up to the record length) and ignores
 * bits it does not know. The layout version changes only when an existing field changes meaning or
 * when a reader that skipped the new fields would lose what the record is about (as a session is),
 * and a reader refuses a layout version it does not know.
 *
 * <h2>Limits and errors</h2>
 * Every length read from the wire is checked against {@link org.portscope.sensor.api.wire.WireLimits}
 * before anything is allocated, and a body must inflate to exactly its declared length, so corrupt
 * or hostile input fails fast with a {@link org.portscope.sensor.api.wire.WireFormatException} naming
 * what was wrong, never a hang or an out-of-memory error. Writers refuse (IllegalArgumentException) to
 * produce a batch over a limit: split it.
 */
package org.portscope.sensor.api.wire;
