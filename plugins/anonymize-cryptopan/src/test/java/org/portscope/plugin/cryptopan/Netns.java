package org.portscope.plugin.cryptopan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of the test's own (per-run name), so loading firewall sets never touches the
 * machine's; removed on close, also after a failure.
 */
final class Netns implements AutoCloseable {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private final String name;

  private Netns(String name) {
    this.name = name;
  }

  static Netns create() throws Exception {
    String name = "psbl-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
    Tools.Result r = Tools.run("ip", "netns", "add", name);
    if (r.code() != 0) {
      throw new AssertionError("ip netns add " + name + " failed: " + r.output());
    }
    return new Netns(name);
  }

  String name() {
    return name;
  }

  Tools.Result run(String... command) throws Exception {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return Tools.run(full.toArray(String[]::new));
  }

  @Override
  public void close() throws Exception {
    Tools.Result r = Tools.run("ip", "netns", "del", name);
    if (r.code() != 0) {
      throw new AssertionError("ip netns del " + name + " failed: " + r.output());
    }
  }
}
