package io.cloudmount.app.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app per user: the first instance holds a lock on {@code app.lock} in the config folder (the OS
 * releases it if the process dies, so a crash never blocks the next start) and listens on a loopback
 * port written to {@code app.port} with a random token. A second launch finds the lock taken, sends
 * "show" with the token, and exits; the first instance brings its window forward.
 */
public final class SingleInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private volatile Runnable onShow = () -> { };

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
    }

    /** What {@link #claim} found. */
    public sealed interface Claim {
        /** We are the first instance. */
        record Primary(SingleInstance instance) implements Claim {
        }

        /** Another instance runs; {@code told} says whether it accepted the request to show itself. */
        record Secondary(boolean told) implements Claim {
        }
    }

    public static Claim claim(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("app.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM already (tests start two apps in one process)
        }
        if (lock == null) {
            channel.close();
            return new Claim.Secondary(askToShow(dir.resolve("app.port")));
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        writePrivate(dir.resolve("app.port"), server.getLocalPort() + " " + token);
        SingleInstance instance = new SingleInstance(channel, lock, server);
        Thread listener = new Thread(() -> instance.listen(token), "single-instance");
        listener.setDaemon(true);
        listener.start();
        return new Claim.Primary(instance);
    }

    /** What to do when a second launch asks (called on the listener thread). */
    public void onShowRequest(Runnable action) {
        this.onShow = action;
    }

    private void listen(String token) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(2000);
                String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).readLine();
                if ((token + " show").equals(line)) {
                    LOG.info("Another launch of CloudMount asked for the window");
                    onShow.run();
                    client.getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("Single-instance request failed: {}", e.toString());
                }
            }
        }
    }

    private static boolean askToShow(Path portFile) {
        try {
            List<String> parts = List.of(Files.readString(portFile).strip().split(" "));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(parts.get(0))), 2000);
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write((parts.get(1) + " show\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
                return "ok".equals(answer);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close();
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.debug("Releasing the instance lock: {}", e.toString());
        }
    }
}
