package org.elasticsearch.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.common.settings.Settings;

/**
 * Loads plugin classes straight from the classpath with synthesized descriptors (test use only;
 * lives in this package to reach PluginsService's package-private API, pinned to one ES version).
 */
public final class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(Settings settings, Path configDir, Collection<Class<? extends Plugin>> classes) {
        super(settings, configDir, PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false));
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (Class<? extends Plugin> cls : classes) {
            PluginDescriptor descriptor = new PluginDescriptor(cls.getName(), "classpath plugin", "NA",
                Build.current().version(), "21", cls.getName(), null, List.of(), false, false, false, false);
            plugins.add(new LoadedPlugin(descriptor, loadPlugin(cls, settings, configDir), cls.getClassLoader()));
        }
        loadExtensions(plugins);
        this.loaded = List.copyOf(plugins);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }
}
