package org.pantau.engines;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Boots one real OpenSearch node in this JVM with the modules Pantau's search backend needs,
 * loaded from the classpath (test use only). Arguments are {@code key=value} node settings
 * that override the single-node defaults below; {@code path.home} is required.
 */
public final class OpenSearchLauncher extends Node {
    static final List<Class<? extends Plugin>> MODULES = List.of(
        org.opensearch.transport.Netty4Plugin.class,
        org.opensearch.analysis.common.CommonAnalysisPlugin.class,
        org.opensearch.percolator.PercolatorPlugin.class,
        org.opensearch.index.mapper.MapperExtrasPlugin.class,
        org.opensearch.painless.PainlessPlugin.class,
        org.opensearch.index.reindex.ReindexPlugin.class,
        org.opensearch.join.ParentJoinPlugin.class);

    private OpenSearchLauncher(Environment env, Collection<Class<? extends Plugin>> plugins) {
        super(env, plugins, true);
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", "pantau-test")
            .put("node.name", "pantau-test-0")
            .put("network.host", "127.0.0.1")
            .put("http.port", "9200")
            .put("transport.port", "0")
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", "false")
            .put("action.auto_create_index", "false");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        String home = settings.get("path.home");
        if (home == null) {
            throw new IllegalArgumentException("path.home=<dir> is required");
        }
        if (settings.get("path.data") == null) {
            settings = Settings.builder().put(settings).put("path.data", home + "/data").build();
        }
        if (settings.get("path.logs") == null) {
            settings = Settings.builder().put(settings).put("path.logs", home + "/logs").build();
        }
        String nodeName = settings.get("node.name");
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), null, () -> nodeName);
        Node node = new OpenSearchLauncher(env, MODULES);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "pantau-node-shutdown"));
        node.start();
        System.out.println("pantau: node " + nodeName + " started");
        stopped.await();
    }
}
