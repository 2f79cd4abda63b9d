package org.portscope.sensor.core.pipeline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells whether a socket (by the inode /proc/net/tcp prints) belongs to this process: its file
 * descriptors in {@code /proc/self/fd} link to {@code socket:[INODE]}. An inode names one socket for
 * as long as it lives and the kernel does not hand it out again soon after, so answers are kept
 * and the descriptors are listed again only when an inode not seen before turns up (a new relayed
 * connection), not on every refresh. Used by the refresh thread only.
 */
final class OwnSockets {
  private final Path fds;
  private Set<Long> ours = new HashSet<>();
  private Set<Long> others = new HashSet<>();
  /**
   * Inodes found not ours once: asked again next round before the answer is kept, since an
   * accepted connection shows in /proc/net/tcp a moment before its descriptor shows here, and a
   * wrong "not ours" kept for the connection's life would count the listener's port as open.
   */
  private final Set<Long> doubted = new HashSet<>();
  private Set<Long> held;

  /** @param fds this process's descriptor folder, normally {@code /proc/self/fd} */
  OwnSockets(Path fds) {
    this.fds = fds;
  }

  /**
   * Whether the socket {@code inode} is one of this process's. Call {@link #forgetAllBut} after
   * each round so that the answers kept stay as few as the sockets asked about.
   */
  boolean isOurs(long inode) throws IOException {
    if (ours.contains(inode)) {
      return true;
    }
    if (others.contains(inode)) {
      return false;
    }
    if (held == null) { // once per round at most
      held = list();
    }
    boolean mine = held.contains(inode);
    if (mine) {
      ours.add(inode);
    } else if (!doubted.add(inode)) {
      others.add(inode); // not ours in two rounds running: settled
    }
    return mine;
  }

  /** Ends a round: keeps only the answers about {@code asked}, the inodes seen in it. */
  void forgetAllBut(Set<Long> asked) {
    ours.retainAll(asked);
    others.retainAll(asked);
    doubted.retainAll(asked);
    held = null;
  }

  /**
   * The inodes of the sockets this process holds now, listed after /proc/net/tcp was read. A socket
   * of ours seen there has its descriptor here, except one accepted a moment ago (hence
   * {@link #doubted}) or closed since (a closing socket shows inode 0).
   */
  private Set<Long> list() throws IOException {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
          continue;
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          inodes.add(Long.parseLong(target, 8, target.length() - 1, 10));
        }
      }
    }
    return inodes;
  }
}
