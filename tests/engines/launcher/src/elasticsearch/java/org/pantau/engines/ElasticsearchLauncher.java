package org.pantau.engines;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathNodeFactory;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;

/**
 * Boots one bare Elasticsearch node (server + transport-netty4 only: Elastic does not publish
 * the other modules to Maven Central). Arguments are {@code key=value} node settings;
 * {@code path.home} is required.
 */
public final class ElasticsearchLauncher {
    private ElasticsearchLauncher() {}

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", "pantau-test")
            .put("node.name", "pantau-es-0")
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
        String home = builder.get("path.home");
        if (home == null) {
            throw new IllegalArgumentException("path.home=<dir> is required");
        }
        if (builder.get("path.data") == null) {
            builder.put("path.data", home + "/data");
        }
        if (builder.get("path.logs") == null) {
            builder.put("path.logs", home + "/logs");
        }
        Settings settings = builder.build();
        String nodeName = settings.get("node.name");
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> nodeName);
        Node node = ClasspathNodeFactory.create(env, List.of(org.elasticsearch.transport.netty4.Netty4Plugin.class));
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
