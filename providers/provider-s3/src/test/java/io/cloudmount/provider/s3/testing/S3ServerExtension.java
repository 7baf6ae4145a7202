package io.cloudmount.provider.s3.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link S3TestServer}. One server is started per test run (the first class
 * that asks starts it) and stopped when the run ends; classes isolate themselves with buckets.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3ServerExtension S3 = new S3ServerExtension();
 *
 * @Test void works() { var bucket = S3.server().createBucket(); ... }
 * }</pre>
 * or {@code @ExtendWith(S3ServerExtension.class)} and an {@code S3TestServer} parameter.
 */
public final class S3ServerExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3ServerExtension.class);

    private volatile S3TestServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = shared(context);
    }

    /** The server; valid from {@code @BeforeAll} on. */
    public S3TestServer server() {
        if (server == null) {
            throw new IllegalStateException("S3ServerExtension is not registered as a static field or via @ExtendWith");
        }
        return server;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static S3TestServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Resource.class, key -> Resource.start(), Resource.class)
                .server;
    }

    /** Closed by JUnit when the root context (the whole run) ends. */
    private record Resource(S3TestServer server) implements ExtensionContext.Store.CloseableResource {
        static Resource start() {
            try {
                return new Resource(S3TestServer.start());
            } catch (Exception e) {
                throw new IllegalStateException("could not start the S3 test server", e);
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
