package org.portscope.hub.peer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.portscope.sensor.api.IpAddress;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The peer registry kept in a YAML file that the provisioner writes (atomically, by rename):
 * <pre>
 * peers:
 *   - name: node-a
 *     institution: example-university
 *     address: 10.77.0.2
 * </pre>
 * The file is read again when its modification time or size changes ({@link #refresh()}, called
 * periodically and before a batch from an unknown address is refused), so a node added to the
 * overlay is accepted without restarting the hub. A changed file that does not parse keeps the last
 * good table and logs why.
 */
public final class PeersFile implements PeerRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PeersFile.class);

  private final Path path;
  private volatile PeerTable table;
  private volatile FileTime loadedModified;
  private volatile long loadedSize;

  private PeersFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /**
   * Loads the file once; a missing or invalid file fails here, with the path and what was wrong.
   *
   * @throws IllegalArgumentException when the file cannot be read or is not a valid peers file
   */
  public static PeersFile load(Path path) {
    PeersFile f = new PeersFile(path);
    try {
      f.reload();
    } catch (IOException e) {
      throw new IllegalArgumentException("peers file " + path + " cannot be read: " + e.getMessage(), e);
    }
    return f;
  }

  @Override
  public Optional<Peer> byAddress(IpAddress address) {
    return table.byAddress(address);
  }

  @Override
  public List<Peer> all() {
    return table.all();
  }

  /** Reads the file again if it changed; returns whether the table was replaced. */
  public synchronized boolean refresh() {
    try {
      if (Files.getLastModifiedTime(path).equals(loadedModified) && Files.size(path) == loadedSize) {
        return false;
      }
      reload();
      LOG.info("peers file {} reloaded: {} peers", path, table.all().size());
      return true;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("peers file {} changed but was not loaded, keeping {} known peers: {}", path,
          table.all().size(), e.getMessage());
      return false;
    }
  }

  private void reload() throws IOException {
    FileTime modified = Files.getLastModifiedTime(path);
    long size = Files.size(path);
    Object root;
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(path + " is not valid YAML: " + e.getMessage(), e);
    }
    table = PeerTable.of(parse(root), path.toString());
    loadedModified = modified;
    loadedSize = size;
  }

  static List<Peer> parse(Object root) {
    if (root == null) {
      return List.of();
    }
    if (!(root instanceof Map<?, ?> top) || !(top.get("peers") == null || top.get("peers") instanceof List<?>)) {
      throw new IllegalArgumentException("a map with a 'peers' list expected at the top");
    }
    List<Peer> peers = new ArrayList<>();
    List<?> entries = top.get("peers") == null ? List.of() : (List<?>) top.get("peers");
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("peers[" + i + "]: a map with name, institution and address expected");
      }
      String where = "peers[" + i + "]";
      peers.add(new Peer(text(m, "name", where), text(m, "institution", where),
          address(text(m, "address", where), where)));
    }
    return peers;
  }

  private static String text(Map<?, ?> m, String key, String where) {
    Object v = m.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new IllegalArgumentException(where + "." + key + " is missing");
    }
    return v.toString().trim();
  }

  private static IpAddress address(String text, String where) {
    try {
      return IpAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".address: " + e.getMessage(), e);
    }
  }
}
