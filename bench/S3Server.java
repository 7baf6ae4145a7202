// S3 server for bench/run.sh --s3: S3Proxy on 127.0.0.1 over jclouds' "filesystem"
// (files in a folder) or "transient" (in-memory) blob store, V4/V2 signatures
// checked against the given keys. Runs as its own JVM, on a class path that
// bench/run.sh resolves at run time with `mvn dependency:build-classpath`
// (org.gaul:s3proxy at the version of the root pom, plus jclouds s3 and
// filesystem); nothing of it is committed.
//
// Usage:
//   java -cp CP S3Server.java STORE DIR BUCKETS ACCESS_KEY SECRET_KEY [PARENT_PID]
//     STORE      filesystem | transient (DIR is the filesystem base folder; ignored for transient)
//     BUCKETS    comma-separated bucket names, created at start
//     PARENT_PID the server stops by itself when this process is gone (the harness was killed)
//
// Prints "S3SERVER READY port=<port>" once Jetty listens, then runs until
// SIGTERM/SIGINT or until PARENT_PID exits.
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;

public class S3Server {
    public static void main(String[] a) throws Exception {
        if (a.length < 5) {
            System.err.println("usage: S3Server filesystem|transient DIR BUCKETS ACCESS_KEY SECRET_KEY [PARENT_PID]");
            System.exit(2);
        }
        String store = a[0];
        Properties props = new Properties();
        ContextBuilder builder;
        switch (store) {
            // By metadata, not by provider id: a lookup by id loads every provider on the class
            // path, including S3Proxy's Azure one whose dependencies are left out.
            case "filesystem" -> {
                props.setProperty(FilesystemConstants.PROPERTY_BASEDIR, a[1]);
                builder = ContextBuilder.newBuilder(new FilesystemApiMetadata());
            }
            case "transient" -> builder = ContextBuilder.newBuilder(new TransientApiMetadata());
            default -> throw new IllegalArgumentException("unknown store " + store);
        }
        BlobStoreContext context = builder.credentials("unused", "unused").overrides(props)
                .build(BlobStoreContext.class);
        for (String bucket : a[2].split(",")) {
            context.getBlobStore().createContainerInLocation(null, bucket);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, a[3], a[4])
                .jettyMaxThreads(64)
                .build();
        proxy.start();
        if (!"STARTED".equals(proxy.getState())) {
            System.err.println("S3Server: S3Proxy did not start: " + proxy.getState());
            System.exit(1);
        }
        Runnable stop = () -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                // exiting anyway
            }
            context.close();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop));
        System.out.println("S3SERVER READY port=" + proxy.getPort());
        System.out.flush();

        ProcessHandle parent = a.length > 5 ? ProcessHandle.of(Long.parseLong(a[5])).orElse(null) : null;
        while (true) {
            TimeUnit.SECONDS.sleep(1);
            if (parent != null && !parent.isAlive()) {
                System.err.println("S3Server: parent " + parent.pid() + " is gone, stopping");
                System.exit(0);
            }
        }
    }
}
