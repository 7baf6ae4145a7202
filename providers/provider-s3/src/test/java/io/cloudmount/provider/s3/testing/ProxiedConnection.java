package io.cloudmount.provider.s3.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of {@link FaultyS3Proxy} and its own connection to the server; requests are
 * handled one after the other, as HTTP/1.1 clients without pipelining send them.
 *
 * <p>A request body is pumped to the server on a second thread while this one waits for the
 * answer, because with {@code Expect: 100-continue} the client sends the body only after the
 * server's interim {@code 100 Continue}, which this thread relays. After a fault, or whenever it is
 * unclear where the next request would start, both connections are closed.
 */
final class ProxiedConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxiedConnection.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** How long a finished response waits for its request body to be fully forwarded. */
    private static final long BODY_WAIT_SECONDS = 10;

    private final FaultyS3Proxy proxy;
    private final Socket client;
    private final InetSocketAddress backendAddress;
    private final Socket server = new Socket();
    private InputStream fromClient;
    private OutputStream toClient;
    private InputStream fromServer;
    private OutputStream toServer;

    ProxiedConnection(FaultyS3Proxy proxy, Socket client, InetSocketAddress backendAddress) {
        this.proxy = proxy;
        this.client = client;
        this.backendAddress = backendAddress;
    }

    @Override
    public void run() {
        proxy.track(client);
        proxy.track(server);
        try {
            server.connect(backendAddress, CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            fromClient = new BufferedInputStream(client.getInputStream());
            toClient = new BufferedOutputStream(client.getOutputStream());
            fromServer = new BufferedInputStream(server.getInputStream());
            toServer = new BufferedOutputStream(server.getOutputStream());
            while (relayOneExchange()) {
                // next request on the same connection
            }
        } catch (IOException e) {
            LOG.debug("proxied connection ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            FaultyS3Proxy.closeQuietly(client);
            FaultyS3Proxy.closeQuietly(server);
            proxy.forget(client);
            proxy.forget(server);
        }
    }

    /** Relays one request and its answer, applying the fault if there is one; false when the connection must end. */
    private boolean relayOneExchange() throws IOException, InterruptedException {
        HttpHead request = HttpHead.read(fromClient);
        if (request == null) {
            return false;
        }
        Fault fault = proxy.admit(request);
        HttpBody requestBody = HttpBody.ofRequest(request);
        if (fault instanceof Fault.Status status) {
            answerWithError(request, requestBody, status);
            return false;
        }
        if (fault instanceof Fault.Reply reply) {
            answer(request, requestBody, reply.status(), reply.document());
            return false;
        }
        request.writeTo(toServer);
        toServer.flush();
        Future<?> upload = requestBody.kind() == HttpBody.Kind.NONE ? null : proxy.threads().submit(() -> {
            try {
                requestBody.copy(fromClient, toServer);
            } catch (IOException e) {
                FaultyS3Proxy.closeQuietly(server); // unblocks the wait for the answer
                throw e;
            }
            return null;
        });

        boolean continued = false;
        HttpHead response;
        while ((response = HttpHead.read(fromServer)) != null && isInterim(response)) {
            response.writeTo(toClient);
            toClient.flush();
            continued = true;
        }
        if (response == null) {
            return false;
        }
        if (fault instanceof Fault.Delay delay) {
            proxy.pause(delay.delay().toMillis());
        }
        if (fault instanceof Fault.Reset reset && reset.bodyBytes() < 0) {
            FaultyS3Proxy.reset(client);
            return false;
        }

        if (fault instanceof Fault.GoHeaderCase) {
            response = response.withGoCanonicalNames();
        }
        HttpBody responseBody = HttpBody.ofResponse(response, request.method());
        response.writeTo(toClient);
        if (fault instanceof Fault.Reset reset) {
            copyAtMost(responseBody, reset.bodyBytes());
            FaultyS3Proxy.reset(client);
            return false;
        }
        if (fault instanceof Fault.Truncate truncate) {
            copyAtMost(responseBody, truncate.bodyBytes());
            client.shutdownOutput();
            return false;
        }
        responseBody.copy(fromServer, toClient);

        if (responseBody.kind() == HttpBody.Kind.UNTIL_CLOSE || response.fieldHas("Connection", "close")
                || request.fieldHas("Connection", "close")) {
            return false;
        }
        if (upload != null && !continued && request.fieldHas("Expect", "100-continue")) {
            return false; // answered before the body was asked for: the client will not send it
        }
        return upload == null || bodyForwarded(upload);
    }

    private static boolean isInterim(HttpHead response) {
        int status = response.status();
        return status >= 100 && status < 200 && status != 101;
    }

    private boolean bodyForwarded(Future<?> upload) throws InterruptedException {
        try {
            upload.get(BODY_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            upload.cancel(true);
            return false;
        }
    }

    /** Sends at most {@code limit} bytes of the body, flushed. */
    private void copyAtMost(HttpBody body, long limit) throws IOException {
        try {
            body.copy(fromServer, new Cut(toClient, limit));
        } catch (CutReached expected) {
            // the point of the fault
        }
        toClient.flush();
    }

    /** Answers with an S3 error document, without the server. */
    private void answerWithError(HttpHead request, HttpBody body, Fault.Status status) throws IOException {
        answer(request, body, status.status(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + status.code()
                + "</Code><Message>injected by FaultyS3Proxy</Message><RequestId>faulty-s3-proxy</RequestId></Error>");
    }

    /**
     * Answers with an XML document and {@code Connection: close}, without the server. A body the client
     * is already sending is read first, so the client sees the answer and not a broken pipe; a client
     * waiting for {@code 100 Continue} gets the answer instead and sends no body.
     */
    private void answer(HttpHead request, HttpBody body, int status, String xml) throws IOException {
        if (!request.fieldHas("Expect", "100-continue")) {
            body.discard(fromClient);
        }
        byte[] document = xml.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(request.method());
        String reason = switch (status) {
            case 200 -> "OK";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Slow Down";
            default -> "Error";
        };
        String responseHead = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + (head ? 0 : document.length) + "\r\n"
                + "x-amz-request-id: faulty-s3-proxy\r\n"
                + "Connection: close\r\n\r\n";
        toClient.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            toClient.write(document);
        }
        toClient.flush();
        client.shutdownOutput();
    }

    /** Passes on the first {@code limit} bytes, then stops the copy. */
    private static final class Cut extends FilterOutputStream {
        private long left;

        Cut(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int allowed = (int) Math.min(length, left);
            out.write(bytes, offset, allowed);
            left -= allowed;
            if (allowed < length) {
                throw new CutReached();
            }
        }
    }

    private static final class CutReached extends IOException {
        CutReached() {
            super("cut by an injected fault");
        }
    }
}
