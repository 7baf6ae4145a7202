package io.cloudmount.provider.s3;

import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import io.cloudmount.provider.s3.testing.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What a user sees at mount time ({@code checkAccess}) when the drive is configured wrong. */
class S3AccessErrorsTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    private static final String WRONG_SECRET = "not-the-secret-0123456789";

    @Test
    void aWrongSecretKeyIsAccessDeniedThatSaysSoWithoutTheSecret() {
        S3Settings settings = S3.server().settings(S3.server().createBucket())
                .credentials(S3Credentials.staticKeys(S3TestServer.ACCESS_KEY, WRONG_SECRET)).maxAttempts(1).build();

        var failure = checkAccessFailure(settings, ProviderException.AccessDenied.class);

        assertThat(failure.getMessage()).contains("secret key does not match").doesNotContain(WRONG_SECRET);
        assertThat(failure.isRetryable()).isFalse();
    }

    @Test
    void anUnknownAccessKeyIsAccessDenied() {
        S3Settings settings = S3.server().settings(S3.server().createBucket())
                .credentials(S3Credentials.staticKeys("nobody-knows-me", WRONG_SECRET)).maxAttempts(1).build();

        var failure = checkAccessFailure(settings, ProviderException.AccessDenied.class);

        assertThat(failure.getMessage()).contains("access key id is not known").doesNotContain(WRONG_SECRET);
    }

    @Test
    void aMissingBucketIsNotFoundNamingTheBucket() {
        S3Settings settings = S3.server().settings("no-such-bucket").build();

        var failure = checkAccessFailure(settings, ProviderException.NotFound.class);

        assertThat(failure.getMessage()).contains("bucket \"no-such-bucket\" does not exist");
    }

    @Test
    void anUnreachableEndpointIsUnavailableAndFailsFast() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + closedLoopbackPort());
        S3Settings settings = S3.server().settings("any").endpoint(closed).build();

        var failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> checkAccessFailure(settings, ProviderException.Unavailable.class));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).contains("cannot connect to " + closed);
    }

    @Test
    void anEndpointThatAcceptsButNeverAnswersFailsWithinOneReadTimeoutNotAfterEveryRetry() throws IOException {
        try (var silent = silentServer()) {
            URI endpoint = endpointOf(silent);
            S3Settings settings = S3.server().settings("any").endpoint(endpoint)
                    .readTimeout(Duration.ofSeconds(3)).maxAttempts(4).build(); // 4 x 3 s before the fix

            var failure = assertTimeoutPreemptively(Duration.ofSeconds(9),
                    () -> checkAccessFailure(settings, ProviderException.Unavailable.class));

            assertThat(failure.getMessage()).contains(endpoint.toString());
        }
    }

    @Test
    void aLookupOnAServerThatStoppedAnsweringEndsAfterOneReadTimeoutNotAfterEveryRetry() throws IOException {
        try (var silent = silentServer()) {
            URI endpoint = endpointOf(silent);
            S3Settings settings = S3.server().settings("any").endpoint(endpoint)
                    .readTimeout(Duration.ofSeconds(2)).maxAttempts(4).build(); // 4 x 2 s per request before
            try (var provider = new S3StorageProvider(settings)) {
                var failure = assertTimeoutPreemptively(Duration.ofSeconds(7),
                        () -> catchThrowableOfType(() -> provider.stat("/a/b.txt"), ProviderException.Unavailable.class));
                assertThat(failure).isNotNull();
                assertThat(failure.isRetryable()).isTrue();
            }
        }
    }

    @Test
    void aWebServerAtTheEndpointFailsTheMountSayingItIsNoS3Server() throws IOException {
        // A web page for every request (a router's or a proxy's page, a wrong port): the SDK took the
        // 200 for an empty listing and the drive mounted, empty, its uploads going nowhere.
        for (int status : new int[] {200, 404}) {
            HttpServer web = webServer(status);
            try {
                URI endpoint = URI.create("http://127.0.0.1:" + web.getAddress().getPort());
                S3Settings settings = S3.server().settings("bucket").endpoint(endpoint).maxAttempts(1).build();

                var failure = checkAccessFailure(settings, ProviderException.class);

                assertThat(failure.getMessage()).as("HTTP %d", status)
                        .contains(endpoint + " does not answer as an S3 server").contains("check the endpoint");
            } finally {
                web.stop(0);
            }
        }
    }

    @Test
    void everyOperationReportsTheSameKindNotJustTheAccessCheck() {
        S3Settings settings = S3.server().settings(S3.server().createBucket())
                .credentials(S3Credentials.staticKeys(S3TestServer.ACCESS_KEY, WRONG_SECRET)).maxAttempts(1).build();
        try (var provider = new S3StorageProvider(settings)) {
            assertThat(catchThrowableOfType(() -> provider.stat("/a/b"), ProviderException.AccessDenied.class)).isNotNull();
            assertThat(catchThrowableOfType(() -> provider.list("/", null), ProviderException.AccessDenied.class)).isNotNull();
        }
    }

    private static <T extends ProviderException> T checkAccessFailure(S3Settings settings, Class<T> type) {
        try (var provider = new S3StorageProvider(settings)) {
            T failure = catchThrowableOfType(provider::checkAccess, type);
            assertThat(failure).as("checkAccess failure of type %s", type.getSimpleName()).isNotNull();
            return failure;
        }
    }

    /** Answers every request with {@code status} and an HTML page, as a web server does. */
    private static HttpServer webServer(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = "<html><body><h1>Welcome</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : page.length);
            if (!head) {
                exchange.getResponseBody().write(page);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The kernel accepts connections into its backlog; nothing ever reads or answers them. */
    private static ServerSocket silentServer() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static URI endpointOf(ServerSocket server) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** A loopback port with nothing listening: bound once to get a free number, then released. */
    private static int closedLoopbackPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
