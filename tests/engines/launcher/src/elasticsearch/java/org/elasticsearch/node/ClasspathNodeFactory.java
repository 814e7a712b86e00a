package org.elasticsearch.node;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/** Builds a Node whose plugins come from the classpath (package-private API, test use only). */
public final class ClasspathNodeFactory {
    private ClasspathNodeFactory() {}

    public static Node create(Environment env, Collection<Class<? extends Plugin>> plugins) {
        PluginsLoader loader = PluginsLoader.createPluginsLoader(Set.of(), Set.of(), Map.of(), false);
        NodeServiceProvider provider = new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment environment, PluginsLoader ignored) {
                return new ClasspathPluginsService(environment.settings(), environment.configDir(), plugins);
            }
        };
        return new Node(NodeConstruction.prepareConstruction(env, loader, provider, true));
    }
}
