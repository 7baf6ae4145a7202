package io.cloudmount.provider.s3.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP/1.1 proxy in front of an S3 server that injects faults on request: error
 * answers (500, 501, 503 SlowDown), answers a test wrote, slow responses, connection resets and
 * truncated bodies, for the next N requests that match a method and target ({@link #inject}).
 * Everything else is relayed verbatim, byte for byte and streaming: request heads keep the
 * {@code Host} the client signed (the proxy's address), bodies keep their framing ({@code aws-chunked}
 * uploads, chunked listings), {@code Expect: 100-continue} works end to end. Each client connection
 * gets its own server connection, so keep-alive behaves as without the proxy.
 *
 * <pre>{@code
 * try (var proxy = FaultyS3Proxy.inFrontOf(S3.server())) {
 *     var provider = new S3StorageProvider(S3.server().settings(bucket).endpoint(proxy.endpoint()).build());
 *     proxy.inject(RequestMatch.method("PUT"), 1, Fault.slowDown());
 *     provider.upload(...);                                     // the SDK retries
 *     assertThat(proxy.count(RequestMatch.method("PUT"))).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>Every request is recorded ({@link #exchanges()}) before any byte of its answer leaves the proxy,
 * so counts are complete as soon as the client call returns. Delays end early when the proxy closes.
 */
public final class FaultyS3Proxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultyS3Proxy.class);

    private final InetSocketAddress backend;
    private final ServerSocket listener;
    private final URI endpoint;
    private final ExecutorService threads;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    private FaultyS3Proxy(InetSocketAddress backend, ServerSocket listener) {
        this.backend = backend;
        this.listener = listener;
        this.endpoint = URI.create("http://127.0.0.1:" + listener.getLocalPort());
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "faulty-s3-proxy-" + listener.getLocalPort() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A proxy on 127.0.0.1 and a free port in front of the server at {@code backend} ({@code http://host:port}). */
    public static FaultyS3Proxy start(URI backend) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultyS3Proxy proxy = new FaultyS3Proxy(new InetSocketAddress(backend.getHost(), backend.getPort()), listener);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    public static FaultyS3Proxy inFrontOf(S3TestServer server) throws IOException {
        return start(server.endpoint());
    }

    /** Where clients connect; use it as the S3 endpoint (path-style). */
    public URI endpoint() {
        return endpoint;
    }

    /** The next {@code times} requests that match get {@code fault}; earlier rules are consulted first. */
    public FaultRule inject(RequestMatch match, int times, Fault fault) {
        FaultRule rule = new FaultRule(match, times, fault);
        rules.add(rule);
        return rule;
    }

    /** Drops every rule; requests are relayed faithfully again. */
    public void clearFaults() {
        rules.clear();
    }

    /** Every request so far, in arrival order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The requests so far that match. */
    public List<Exchange> exchanges(RequestMatch match) {
        return exchanges.stream().filter(match::matches).toList();
    }

    public int count(RequestMatch match) {
        return exchanges(match).size();
    }

    /** Records the request and decides its fault, atomically per rule. */
    Fault admit(HttpHead request) {
        String method = request.method();
        String target = request.target();
        Fault fault = null;
        for (FaultRule rule : rules) {
            if (rule.take(method, target)) {
                fault = rule.fault();
                break;
            }
        }
        exchanges.add(new Exchange(sequence.incrementAndGet(), method, target, fault, request.fields()));
        if (fault != null) {
            LOG.debug("injecting {} into {} {}", fault, method, target);
        }
        return fault;
    }

    /** Waits until {@code millis} have passed or the proxy closes. */
    void pause(long millis) throws InterruptedException {
        closing.await(millis, TimeUnit.MILLISECONDS);
    }

    ExecutorService threads() {
        return threads;
    }

    void track(Socket socket) {
        sockets.add(socket);
    }

    void forget(Socket socket) {
        sockets.remove(socket);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.warn("accept failed on {}", endpoint, e);
                }
                return;
            }
            try {
                threads.execute(new ProxiedConnection(this, client, backend));
            } catch (RuntimeException e) { // rejected after close
                closeQuietly(client);
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        closeQuietly(listener);
        for (Socket socket : new ArrayList<>(sockets)) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("proxy threads still running 10 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing after a fault or at shutdown: the peer may be gone already
        }
    }

    /** Closes with TCP RST instead of FIN. */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    @Override
    public String toString() {
        return "FaultyS3Proxy[" + endpoint + " -> " + backend + "]";
    }
}
