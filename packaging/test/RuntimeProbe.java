import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Checks on the installed runtime that the app's own start does not cover (test-deb.sh runs it with
 * /opt/cloudmount/lib/runtime/bin/java):
 *   tls KEYSTORE PASSWORD  a TLS 1.3 handshake over loopback with an EC certificate and only the
 *                          elliptic-curve key exchanges (x25519, secp256r1), as S3 endpoints use:
 *                          fails when the runtime lacks jdk.crypto.ec (SunEC)
 *   screenshot FILE [X Y W H]  the X screen, or that part of it, to a PNG (java.desktop's Robot,
 *                          on $DISPLAY)
 */
public final class RuntimeProbe {
    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "tls" -> tls(new File(args[1]), args[2].toCharArray());
            case "screenshot" -> screenshot(new File(args[1]), args.length == 6
                    ? new Rectangle(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                            Integer.parseInt(args[4]), Integer.parseInt(args[5]))
                    : null);
            default -> {
                System.err.println("usage: RuntimeProbe tls KEYSTORE PASSWORD | screenshot FILE [X Y W H]");
                System.exit(2);
            }
        }
    }

    private static void tls(File keystore, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.getOutputStream().write(s.getInputStream().read());
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket(loopback, server.getLocalPort())) {
                client.startHandshake();
                OutputStream out = client.getOutputStream();
                out.write(42);
                out.flush();
                if (client.getInputStream().read() != 42) {
                    throw new IllegalStateException("no echo over TLS");
                }
                System.out.println("tls ok: " + client.getSession().getProtocol() + " "
                        + client.getSession().getCipherSuite() + ", server key "
                        + client.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
            }
            served.get(10, TimeUnit.SECONDS);
        }
    }

    private static void screenshot(File file, Rectangle area) throws Exception {
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                .getDefaultConfiguration().getBounds();
        Rectangle shot = area == null ? screen : area.intersection(screen);
        if (!ImageIO.write(new Robot().createScreenCapture(shot), "png", file)) {
            throw new IllegalStateException("no PNG writer");
        }
        System.out.println("screenshot: " + file + " (" + shot.width + "x" + shot.height + ")");
    }
}
