// S3 client side of bench/run.sh --s3, on the AWS SDK for Java v2 that CloudMount itself
// uses (class path: app/target/lib/*). Every setting is explicit (endpoint, region
// us-east-1, path style, static keys from S3_ACCESS_KEY / S3_SECRET_KEY), so AWS_* variables
// or ~/.aws files cannot change what is measured.
//
// Timed commands print "RESULT ops=<MiB> secs=<s>" like FsBench (timed in-JVM with
// System.nanoTime(), after the client is built and one warm-up request, so JVM start-up is
// not measured).
//
// Usage (ENDPOINT = http://127.0.0.1:PORT):
//   java -cp CP S3Tool.java put   ENDPOINT BUCKET KEY MIB   one PutObject of MIB MiB of zeros from memory
//   java -cp CP S3Tool.java get   ENDPOINT BUCKET KEY       one GetObject, body read and discarded
//   java -cp CP S3Tool.java wait  ENDPOINT BUCKET KEY BYTES TIMEOUT_S
//        prints "WAITING" once the client is ready, then polls HeadObject every 50 ms and
//        prints "SEEN epoch_us=<wall clock>" when KEY exists with BYTES bytes (exit 1 on timeout;
//        TIMEOUT_S=0 checks once)
//   java -cp CP S3Tool.java rm    ENDPOINT BUCKET KEY       DeleteObject
//   java -cp CP S3Tool.java count ENDPOINT BUCKET PREFIX N BYTES
//        exit 0 when exactly N objects directly under PREFIX have BYTES bytes each
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

public class S3Tool {
    static final int MIB = 1 << 20;

    public static void main(String[] a) throws Exception {
        if (a.length < 3) {
            die("usage: S3Tool put|get|wait|rm|count ENDPOINT BUCKET ...");
        }
        String ak = System.getenv("S3_ACCESS_KEY");
        String sk = System.getenv("S3_SECRET_KEY");
        if (ak == null || sk == null) {
            die("S3_ACCESS_KEY and S3_SECRET_KEY must be set");
        }
        try (S3Client s3 = S3Client.builder()
                .httpClient(ApacheHttpClient.create())
                .endpointOverride(URI.create(a[1]))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ak, sk)))
                .forcePathStyle(true)
                // as CloudMount's client: no MD5-vs-ETag check of uploads (lengths are still checked)
                .serviceConfiguration(S3Configuration.builder().checksumValidationEnabled(false).build())
                .build()) {
            String bucket = a[2];
            s3.headBucket(b -> b.bucket(bucket)); // warm-up: class loading, connection, signer
            switch (a[0]) {
                case "put" -> put(s3, bucket, a[3], Integer.parseInt(a[4]));
                case "get" -> get(s3, bucket, a[3]);
                case "wait" -> await(s3, bucket, a[3], Long.parseLong(a[4]), Double.parseDouble(a[5]));
                case "rm" -> s3.deleteObject(b -> b.bucket(bucket).key(a[3]));
                case "count" -> count(s3, bucket, a[3], Integer.parseInt(a[4]), Long.parseLong(a[5]));
                default -> die("unknown command " + a[0]);
            }
        }
    }

    static void put(S3Client s3, String bucket, String key, int mib) {
        long len = (long) mib * MIB;
        long t0 = System.nanoTime();
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromContentProvider(() -> new Zeros(len), len,
                "application/octet-stream"));
        result(mib, System.nanoTime() - t0);
    }

    static void get(S3Client s3, String bucket, String key) throws Exception {
        byte[] buf = new byte[MIB];
        long total = 0;
        long t0 = System.nanoTime();
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        }
        long el = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "RESULT ops=%.6f secs=%.6f%n", total / (double) MIB, el / 1e9);
    }

    static void await(S3Client s3, String bucket, String key, long bytes, double timeoutSecs) throws Exception {
        System.out.println("WAITING");
        System.out.flush();
        long end = System.nanoTime() + (long) (timeoutSecs * 1e9);
        long last = -1;
        do { // at least one HeadObject, so TIMEOUT_S=0 is a one-shot check
            try {
                HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(key));
                last = h.contentLength();
                if (last == bytes) {
                    Instant now = Instant.now();
                    System.out.println("SEEN epoch_us=" + ChronoUnit.MICROS.between(Instant.EPOCH, now));
                    return;
                }
            } catch (NoSuchKeyException e) {
                // not there yet
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        die("wait: " + key + " not complete after " + timeoutSecs + " s (last size " + last + ")");
    }

    static void count(S3Client s3, String bucket, String prefix, int n, long bytes) {
        String p = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        int c = 0;
        int good = 0;
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p).delimiter("/")).contents()) {
            if (o.key().equals(p)) {
                continue; // directory marker
            }
            c++;
            if (o.size() == bytes) {
                good++;
            }
        }
        System.out.println("COUNT objects=" + c + " complete=" + good);
        if (c != n || good != n) {
            System.exit(1);
        }
    }

    /** LEN zero bytes, like dd if=/dev/zero. */
    static final class Zeros extends InputStream {
        private long left;

        Zeros(long len) {
            left = len;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }

        @Override
        public long skip(long n) {
            long s = Math.min(Math.max(n, 0), left);
            left -= s;
            return s;
        }
    }

    static void result(double mib, long nanos) {
        System.out.printf(Locale.ROOT, "RESULT ops=%s secs=%.6f%n", mib, nanos / 1e9);
        System.out.flush();
    }

    static void die(String msg) {
        System.err.println("S3Tool: " + msg);
        System.exit(1);
    }
}
