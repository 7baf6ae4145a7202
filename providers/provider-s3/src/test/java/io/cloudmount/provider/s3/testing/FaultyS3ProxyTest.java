package io.cloudmount.provider.s3.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy on its own, in front of a small JDK HTTP server that echoes what it received, with the
 * JDK HTTP client: framing the AWS SDK never uses (chunked request bodies) and fault targeting.
 */
class FaultyS3ProxyTest {
    private HttpServer echo;
    private FaultyS3Proxy proxy;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeEach
    void start() throws IOException {
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                    + exchange.getRequestHeaders().getFirst("Host") + " body=" + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        echo.start();
        proxy = FaultyS3Proxy.start(URI.create("http://127.0.0.1:" + echo.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        echo.stop(0);
    }

    @Test
    void relaysAChunkedRequestBodyAndTheHostTheClientAddressed() throws Exception {
        byte[] payload = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(proxy.endpoint().resolve("/bucket/key?partNumber=1"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload))) // unknown length: chunked
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("PUT /bucket/key?partNumber=1 host=127.0.0.1:" + proxy.endpoint().getPort()
                + " body=" + "x".repeat(100_000));
    }

    @Test
    void aFaultHitsOnlyMatchingRequestsAndOnlyAsOftenAsAsked() throws Exception {
        FaultRule rule = proxy.inject(RequestMatch.of("GET", "^/b"), 2, Fault.slowDown());

        assertThat(get("/a").statusCode()).isEqualTo(200);
        HttpResponse<String> throttled = get("/b");
        assertThat(throttled.statusCode()).isEqualTo(503);
        assertThat(throttled.body()).contains("<Code>SlowDown</Code>");
        assertThat(get("/b").statusCode()).isEqualTo(503);
        assertThat(get("/b").statusCode()).isEqualTo(200);

        assertThat(rule.applied()).isEqualTo(2);
        assertThat(proxy.exchanges()).extracting(Exchange::target).containsExactly("/a", "/b", "/b", "/b");
        assertThat(proxy.count(RequestMatch.of("GET", "^/b"))).isEqualTo(3);
    }

    @Test
    void aTruncatedBodyAndAResetAreErrorsForTheClient() throws Exception {
        proxy.inject(RequestMatch.any(), 1, Fault.truncateBodyAt(5));
        proxy.inject(RequestMatch.any(), 1, Fault.resetAfterBodyBytes(5));

        assertThat(catchThrowableOfType(() -> get("/long-enough-answer"), IOException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> get("/long-enough-answer"), IOException.class)).isNotNull();
        assertThat(get("/long-enough-answer").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(proxy.endpoint().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
