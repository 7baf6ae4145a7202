package io.cloudmount.provider.s3.testing;

import io.cloudmount.provider.s3.S3Credentials;
import io.cloudmount.provider.s3.S3Settings;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3 server (S3Proxy over jclouds' in-memory "transient" blob store) on 127.0.0.1 and a free
 * port, with V4 signatures checked against fixed test keys.
 *
 * <p>Every AWS setting a client needs is explicit here (endpoint, region, path style, static keys),
 * so {@code AWS_*} variables or {@code ~/.aws} files on the machine cannot leak into tests.
 * Tests share one server ({@link S3ServerExtension}) and isolate themselves with
 * {@link #createBucket()}, which returns a fresh bucket each call.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "cloudmount-test-access";
    public static final String SECRET_KEY = "cloudmount-test-secret-do-not-use";
    public static final String REGION = "us-east-1";

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client admin;

    private S3TestServer(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.admin = newClient();
    }

    /** Starts a server; {@link S3Proxy#start()} returns once Jetty is listening. */
    public static S3TestServer start() throws Exception {
        // By metadata, not by the id "transient": a lookup by id loads every provider on the class
        // path, including S3Proxy's Azure one, whose jclouds dependencies are excluded on purpose.
        BlobStoreContext context = ContextBuilder.newBuilder(new TransientApiMetadata())
                .credentials("unused", "unused")
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .jettyMaxThreads(64)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw e;
        }
        if (!"STARTED".equals(proxy.getState())) {
            proxy.stop();
            context.close();
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        return new S3TestServer(context, proxy);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A new bucket with a unique name. */
    public String createBucket() {
        String name = "test-" + BUCKETS.incrementAndGet();
        createBucket(name);
        return name;
    }

    public void createBucket(String name) {
        admin.createBucket(b -> b.bucket(name));
    }

    /**
     * A plain SDK client on this server, for writing objects the way other tools do and for looking
     * at what the provider wrote. The caller closes it; {@link #admin()} is a shared one.
     */
    public S3Client newClient() {
        return S3Client.builder()
                .httpClient(ApacheHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    /** A shared raw client, closed with the server. */
    public S3Client admin() {
        return admin;
    }

    /** Provider settings for {@code bucket} on this server, every AWS setting explicit. */
    public S3Settings.Builder settings(String bucket) {
        return S3Settings.builder(bucket)
                .endpoint(endpoint)
                .region(REGION)
                .pathStyle(true)
                .credentials(S3Credentials.staticKeys(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public void close() throws Exception {
        admin.close();
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
