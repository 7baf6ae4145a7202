package io.cloudmount.fuse;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.cloudmount.fuse.nativeapi.FuseLibrary;
import io.cloudmount.fuse.nativeapi.OperationSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A FUSE library in Java that records what the engine calls, in order. Its loop behaves like WinFsp's:
 * it runs the real {@code init} callback from the operations table on the loop thread (with a context
 * whose {@code fuse} is an internal object distinct from the handle), then blocks until
 * {@code fuse_exit} or {@link #endLoopByItself()}.
 */
final class FakeFuseLibrary implements FuseLibrary {
    /** What WinFsp offers in {@code capable} (facts §6). */
    static final int WINFSP_CAPABLE = 0x21C02061;

    /** The {@code fuse_new} handle ({@code fuse3*} on WinFsp). */
    final Memory handle = new Memory(8);
    /** WinFsp's internal FUSE2 object, only reachable through the context inside a callback. */
    final Memory internalFuse = new Memory(8);
    private final Memory context = new Memory(40);
    private final List<String> calls = new ArrayList<>();
    private final CountDownLatch loopMayEnd = new CountDownLatch(1);
    private final int version;
    private volatile int mountResult;
    private volatile int loopResult;
    private volatile Runnable afterInit = () -> { };
    private volatile boolean loopIgnoresExit;
    private volatile boolean mounted;
    private volatile List<String> arguments = List.of();
    private volatile int want;
    private volatile Pointer exitedWith;
    private volatile Pointer operations;
    private final List<String> notifications = new ArrayList<>();

    FakeFuseLibrary(int version) {
        this.version = version;
        handle.clear();
        internalFuse.clear();
        context.clear();
        context.setPointer(0, internalFuse);
    }

    /** {@code fuse_mount} returns this (0 = mounted). */
    FakeFuseLibrary mountResult(int result) {
        this.mountResult = result;
        return this;
    }

    /** Runs on the loop thread right after {@code init}, where WinFsp creates the volume. */
    FakeFuseLibrary afterInit(Runnable action) {
        this.afterInit = action;
        return this;
    }

    /** The loop returns {@code result} right after init, as WinFsp's does when the root probes fail. */
    FakeFuseLibrary loopFailsAfterInit(int result) {
        this.loopResult = result;
        loopMayEnd.countDown();
        return this;
    }

    /** {@code fuse_exit} does not end the loop, as when a worker is stuck in a request; {@link #endLoopByItself} does. */
    FakeFuseLibrary loopIgnoresExit() {
        this.loopIgnoresExit = true;
        return this;
    }

    /** Ctrl+C in the console: WinFsp's own handler stops the loop; the JVM never hears of it. */
    void endLoopByItself() {
        record("loop stopped by Ctrl+C");
        loopMayEnd.countDown();
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> notifications() {
        return List.copyOf(notifications);
    }

    List<String> arguments() {
        return arguments;
    }

    int want() {
        return want;
    }

    Pointer exitedWith() {
        return exitedWith;
    }

    private synchronized void record(String call) {
        calls.add(call);
    }

    @Override
    public Pointer fuse_new(Pointer args, Pointer operations, long operationsSize, Pointer privateData) {
        int argc = args.getInt(0);
        arguments = List.of(args.getPointer(8).getStringArray(0, argc, "UTF-8"));
        record("new");
        this.operations = operations;
        return handle;
    }

    @Override
    public int fuse_mount(Pointer fuse, String mountPoint) {
        record("mount " + mountPoint);
        mounted = mountResult == 0;
        return mountResult;
    }

    @Override
    public int fuse_loop_mt(Pointer fuse, int cloneFd) {
        record("loop");
        Memory conn = new Memory(128);
        conn.clear();
        conn.setInt(20, WINFSP_CAPABLE);
        Memory config = new Memory(120);
        config.clear();
        Pointer init = operations.getPointer(OperationSlot.INIT.offset());
        Function.getFunction(init).invokePointer(new Object[] {conn, config});
        want = conn.getInt(24);
        afterInit.run();
        try {
            if (!loopMayEnd.await(30, TimeUnit.SECONDS)) {
                record("loop timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record("loop returned");
        return loopResult;
    }

    @Override
    public void fuse_exit(Pointer fuse) {
        exitedWith = fuse;
        record(mounted ? "exit" : "exit before a successful mount");
        if (!loopIgnoresExit) {
            loopMayEnd.countDown();
        }
    }

    @Override
    public void fuse_unmount(Pointer fuse) {
        record("unmount");
    }

    @Override
    public void fuse_destroy(Pointer fuse) {
        record("destroy");
    }

    @Override
    public int fuse_version() {
        return version;
    }

    @Override
    public Pointer fuse_get_context() {
        return context;
    }

    @Override
    public int fuse_invalidate_path(Pointer fuse, String path) {
        synchronized (this) {
            notifications.add("invalidate " + path);
        }
        return 0;
    }

    @Override
    public int fuse_notify(Pointer internal, String path, int action) {
        synchronized (this) {
            String on = internal.equals(internalFuse) ? "internal" : internal.equals(handle) ? "handle" : "other";
            notifications.add("notify " + path + " " + Integer.toHexString(action) + " on " + on);
        }
        return 0;
    }
}
