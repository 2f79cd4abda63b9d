package org.portscope.sensor.core.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.portscope.sensor.api.ConfigException;
import org.portscope.sensor.api.SensorCommand;
import org.portscope.sensor.api.SensorContext;
import org.portscope.sensor.api.SensorStage;
import org.portscope.sensor.api.StageConfig;
import org.portscope.sensor.core.stages.IdentityAnonymizer;

/**
 * Makes the stage a config section names: a built-in, or an extension of the PF4J plugin whose id
 * the section's {@code plugin} key gives, loaded from the plugins folder. A missing, failed or
 * incompatible plugin is a {@link ConfigException} naming the key and the plugin.
 */
public final class StageLoader implements AutoCloseable {
  /** The API version this host implements; plugins declare what they need in Plugin-Requires. */
  public static final String API_VERSION = "0.4.0";

  private static final Map<String, Supplier<? extends SensorStage>> BUILT_INS =
      Map.of("identity", IdentityAnonymizer::new);

  /** Ids that can name a file in the plugins folder and nothing outside it. */
  private static final Pattern FILE_SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path pluginsDir;
  private final PluginManager manager;

  /** Loads and starts every plugin in the folder. */
  public StageLoader(Path pluginsDir) {
    this(pluginsDir, newManager(pluginsDir));
    if (Files.isDirectory(pluginsDir)) {
      manager.loadPlugins();
      manager.startPlugins();
    }
  }

  private StageLoader(Path pluginsDir, PluginManager manager) {
    this.pluginsDir = pluginsDir;
    this.manager = manager;
  }

  private static PluginManager newManager(Path pluginsDir) {
    PluginManager m = new JarPluginManager(pluginsDir);
    m.setSystemVersion(API_VERSION);
    return m;
  }

  /**
   * A loader for a sensor whose config names {@code ids}: each plugin is loaded from
   * {@code <id>.jar} in the folder (as the bundle ships them), which spares opening every other
   * plugin's jar at start-up. When a named plugin is not in a jar of that name, or fails to load
   * from it, the whole folder is loaded as by {@link #StageLoader(Path)}, so that third-party file
   * names work and errors read the same.
   */
  public static StageLoader forPlugins(Path pluginsDir, Collection<String> ids) {
    PluginManager m = newManager(pluginsDir);
    try {
      for (String id : new TreeSet<>(ids)) {
        if (BUILT_INS.containsKey(id)) {
          continue;
        }
        Path jar = pluginsDir.resolve(id + ".jar");
        if (!FILE_SAFE_ID.matcher(id).matches() || !Files.isRegularFile(jar)
            || !id.equals(m.loadPlugin(jar))) {
          m.unloadPlugins();
          return new StageLoader(pluginsDir);
        }
      }
      m.startPlugins();
      return new StageLoader(pluginsDir, m);
    } catch (RuntimeException e) {
      m.unloadPlugins(); // loaded again below, where the same failure is reported as usual
      return new StageLoader(pluginsDir);
    }
  }

  /** Ids of the plugins found in the folder, whatever their state. */
  public List<String> pluginIds() {
    return manager.getPlugins().stream().map(PluginWrapper::getPluginId).sorted().toList();
  }

  /** The subcommands the installed plugins add to {@code portscope-sensor}. */
  public List<SensorCommand> commands() {
    return manager.getExtensions(SensorCommand.class);
  }

  /** Creates and configures the stage {@code section} names. */
  public <T extends SensorStage> T create(Class<T> type, StageConfig section, SensorContext ctx) {
    String id = section.string("plugin");
    T stage = instantiate(type, section, id);
    stage.configure(section, ctx);
    return stage;
  }

  private <T extends SensorStage> T instantiate(Class<T> type, StageConfig section, String id) {
    Supplier<? extends SensorStage> builtIn = BUILT_INS.get(id);
    if (builtIn != null) {
      SensorStage s = builtIn.get();
      if (!type.isInstance(s)) {
        throw wrongType(type, section, id);
      }
      return type.cast(s);
    }
    PluginWrapper plugin = manager.getPlugin(id);
    if (plugin == null) {
      TreeSet<String> known = new TreeSet<>(pluginIds());
      known.addAll(BUILT_INS.keySet());
      throw new ConfigException(section.key("plugin") + ": '" + id + "' is not installed in "
          + pluginsDir + "; available: " + known);
    }
    if (plugin.getPluginState() != PluginState.STARTED) {
      String why = plugin.getFailedException() != null
          ? plugin.getFailedException().getMessage()
          : "state " + plugin.getPluginState();
      if (!manager.getVersionManager().checkVersionConstraint(API_VERSION,
          plugin.getDescriptor().getRequires())) {
        why = "it requires sensor API " + plugin.getDescriptor().getRequires() + " but this sensor"
            + " provides " + API_VERSION;
      }
      throw new ConfigException(section.key("plugin") + ": plugin '" + id + "' could not be"
          + " started: " + why);
    }
    List<Class<? extends T>> classes = manager.getExtensionClasses(type, id);
    if (classes.isEmpty()) {
      throw wrongType(type, section, id);
    }
    if (classes.size() > 1) {
      throw new ConfigException(section.key("plugin") + ": plugin '" + id + "' offers "
          + classes.size() + " " + type.getSimpleName() + " extensions; this sensor expects one");
    }
    return type.cast(manager.getExtensionFactory().create(classes.get(0)));
  }

  private static ConfigException wrongType(Class<?> type, StageConfig section, String id) {
    return new ConfigException(section.key("plugin") + ": '" + id + "' is not a "
        + type.getSimpleName() + " plugin");
  }

  @Override
  public void close() {
    // unloadPlugins stops each plugin first; PF4J 3.15's stopPlugins() modifies the list it walks.
    manager.unloadPlugins();
  }
}
