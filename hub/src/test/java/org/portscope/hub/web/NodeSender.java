package org.portscope.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.portscope.sensor.api.Observation;
import org.portscope.sensor.api.wire.Ack;
import org.portscope.sensor.api.wire.AckStatus;
import org.portscope.sensor.api.wire.BatchId;
import org.portscope.sensor.api.wire.BatchMessage;
import org.portscope.sensor.api.wire.Compression;
import org.portscope.sensor.api.wire.WireFrames;

/**
 * A node as the collector sees it: a TCP connection from the node's (loopback) address carrying
 * BATCH frames, each answered by an ACK before the next is sent.
 */
final class NodeSender {
  private NodeSender() {}

  /** Sends one batch from {@code nodeAddress} and checks the hub stored it. */
  static void send(InetSocketAddress collector, String nodeAddress, List<Observation> observations) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(nodeAddress), 0));
      s.connect(collector, 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      InputStream in = new BufferedInputStream(s.getInputStream());
      BatchId id = BatchId.random();
      WireFrames.write(BatchMessage.of(id, observations, Compression.DEFLATE), out);
      out.flush();
      Ack ack = (Ack) WireFrames.read(in);
      assertEquals(id, ack.batchId());
      assertEquals(AckStatus.STORED, ack.status(), () -> "batch from " + nodeAddress + ": " + ack);
    }
  }
}
