package io.cloudmount.fuse.platform;

import io.cloudmount.engine.FsError;
import java.util.EnumMap;
import java.util.Map;

/** Numbers for every {@link FsError} on one platform. Built complete: a missing entry is a bug caught at start. */
public final class ErrnoTable {
    private final int[] numbers = new int[FsError.values().length];

    public ErrnoTable(Map<FsError, Integer> table) {
        EnumMap<FsError, Integer> copy = new EnumMap<>(FsError.class);
        copy.putAll(table);
        for (FsError error : FsError.values()) {
            Integer number = copy.get(error);
            if (number == null) {
                throw new IllegalArgumentException("errno table lacks " + error);
            }
            numbers[error.ordinal()] = number;
        }
    }

    /** The positive errno; callbacks return its negation. */
    public int of(FsError error) {
        return numbers[error.ordinal()];
    }
}
