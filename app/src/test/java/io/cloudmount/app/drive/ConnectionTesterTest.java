package io.cloudmount.app.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.secrets.FileSecretStore;
import io.cloudmount.provider.s3.testing.S3ServerExtension;
import io.cloudmount.provider.s3.testing.S3TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** "Test connection" answers in sentences: wrong keys, missing bucket, unreachable endpoint. */
class ConnectionTesterTest {
    @RegisterExtension
    static final S3ServerExtension S3 = new S3ServerExtension();

    @TempDir
    Path dir;

    private ConnectionTester tester() {
        return new ConnectionTester(new ProviderFactory(new FileSecretStore(dir.resolve("secrets.json"))));
    }

    static StorageSpec.S3 spec(String endpoint, String bucket) {
        return new StorageSpec.S3(endpoint, S3TestServer.REGION, bucket, "", StorageSpec.S3Auth.KEYS,
                S3TestServer.ACCESS_KEY, "", true);
    }

    @Test
    void goodSettingsConnect() {
        String bucket = S3.server().createBucket();

        var result = tester().test(spec(S3.server().endpoint().toString(), bucket), Optional.of(S3TestServer.SECRET_KEY));

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).startsWith("Connected: s3://" + bucket);
    }

    @Test
    void aWrongSecretSaysTheSecretDoesNotMatch() {
        var result = tester().test(spec(S3.server().endpoint().toString(), S3.server().createBucket()),
                Optional.of("wrong-secret-0123456789"));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).startsWith("Access denied: the secret key does not match the access key id")
                .doesNotContain("wrong-secret").doesNotContain("Exception");
    }

    @Test
    void aMissingBucketIsNamed() {
        var result = tester().test(spec(S3.server().endpoint().toString(), "no-such-bucket"),
                Optional.of(S3TestServer.SECRET_KEY));

        assertThat(result.message()).startsWith("Bucket not found: bucket \"no-such-bucket\" does not exist");
    }

    @Test
    void anUnreachableEndpointSaysItCannotConnect() throws IOException {
        String closed = "http://127.0.0.1:" + closedLoopbackPort();

        var result = tester().test(spec(closed, "any"), Optional.of(S3TestServer.SECRET_KEY));

        assertThat(result.message()).isEqualTo("Cannot reach the storage: cannot connect to " + closed);
    }

    @Test
    void missingKeysAreCaughtBeforeAnyRequest() {
        var result = tester().test(spec("http://127.0.0.1:1", "b"), Optional.empty());

        assertThat(result.message()).isEqualTo("Enter both the access key id and the secret access key");
    }

    static int closedLoopbackPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
