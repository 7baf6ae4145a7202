package io.cloudmount.engine.vfs;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsException;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open handles by number. Numbers start at 1 and are never reused while the table lives, so a stale
 * number can never reach another file. 0 and -1 are never handed out (WinFsp gives -1 a meaning).
 */
final class HandleTable<H> {
    private final ConcurrentHashMap<Long, H> handles = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1);

    long add(H handle) {
        long id = next.getAndIncrement();
        handles.put(id, handle);
        return id;
    }

    H get(long id) throws FsException {
        H handle = handles.get(id);
        if (handle == null) {
            throw new FsException(FsError.EBADF, "no open handle " + id);
        }
        return handle;
    }

    H remove(long id) throws FsException {
        H handle = handles.remove(id);
        if (handle == null) {
            throw new FsException(FsError.EBADF, "no open handle " + id);
        }
        return handle;
    }

    Collection<H> all() {
        return handles.values();
    }

    int size() {
        return handles.size();
    }
}
