package io.cloudmount.engine.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A set of byte ranges {@code [start, end)}, kept sorted and merged: two ranges that overlap or touch
 * become one, so the ranges of a set are always separated by a gap. The number of covered bytes is
 * maintained incrementally.
 *
 * <p>Not thread-safe: each set is guarded by the {@link CacheItem} that owns it.
 */
public final class RangeSet {
    /** start to end of every range; disjoint and non-adjacent. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long covered;

    public RangeSet() {
    }

    /** Adds {@code [start, end)}; an empty or inverted range is ignored. */
    public void add(long start, long end) {
        requireNonNegative(start);
        if (start >= end) {
            return;
        }
        long newStart = start;
        long newEnd = end;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            newStart = before.getKey();
        }
        // Every range starting inside [newStart, newEnd] overlaps or touches the new one.
        NavigableMap<Long, Long> merged = ranges.subMap(newStart, true, newEnd, true);
        for (Map.Entry<Long, Long> range : merged.entrySet()) {
            newEnd = Math.max(newEnd, range.getValue());
            covered -= range.getValue() - range.getKey();
        }
        merged.clear();
        ranges.put(newStart, newEnd);
        covered += newEnd - newStart;
    }

    /** Whether every byte of {@code [start, end)} is present; an empty range is always present. */
    public boolean contains(long start, long end) {
        if (start >= end) {
            return true;
        }
        Map.Entry<Long, Long> range = ranges.floorEntry(start);
        return range != null && range.getValue() >= end;
    }

    /** The gaps inside {@code [start, end)}, in order, each as {@code {gapStart, gapEnd}}. */
    public List<long[]> missing(long start, long end) {
        List<long[]> gaps = new ArrayList<>();
        if (start >= end) {
            return gaps;
        }
        long cursor = start;
        for (Map.Entry<Long, Long> range : overlapping(start, end).entrySet()) {
            if (range.getKey() > cursor) {
                gaps.add(new long[] {cursor, range.getKey()});
            }
            cursor = Math.max(cursor, range.getValue());
        }
        if (cursor < end) {
            gaps.add(new long[] {cursor, end});
        }
        return gaps;
    }

    /** The first absent offset in {@code [from, limit)}, or {@code limit} if all of it is present. */
    public long firstMissing(long from, long limit) {
        if (from >= limit) {
            return limit;
        }
        Map.Entry<Long, Long> range = ranges.floorEntry(from);
        if (range != null && range.getValue() > from) {
            return Math.min(range.getValue(), limit); // ranges never touch: a gap follows each one
        }
        return from;
    }

    /** Number of present bytes inside {@code [start, end)}. */
    public long coveredBytes(long start, long end) {
        long sum = 0;
        if (start >= end) {
            return sum;
        }
        for (Map.Entry<Long, Long> range : overlapping(start, end).entrySet()) {
            sum += Math.min(end, range.getValue()) - Math.max(start, range.getKey());
        }
        return sum;
    }

    /** Drops everything at or beyond {@code size}. */
    public void truncate(long size) {
        requireNonNegative(size);
        NavigableMap<Long, Long> beyond = ranges.tailMap(size, true);
        for (Map.Entry<Long, Long> range : beyond.entrySet()) {
            covered -= range.getValue() - range.getKey();
        }
        beyond.clear();
        Map.Entry<Long, Long> last = ranges.lastEntry();
        if (last != null && last.getValue() > size) {
            covered -= last.getValue() - size;
            ranges.put(last.getKey(), size);
        }
    }

    public void clear() {
        ranges.clear();
        covered = 0;
    }

    /** Total number of present bytes. */
    public long coveredBytes() {
        return covered;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The end of the last range, 0 when empty. */
    public long end() {
        return ranges.isEmpty() ? 0 : ranges.lastEntry().getValue();
    }

    /** A copy of the ranges, in order, each as {@code {start, end}}. */
    public List<long[]> ranges() {
        List<long[]> copy = new ArrayList<>(ranges.size());
        ranges.forEach((s, e) -> copy.add(new long[] {s, e}));
        return copy;
    }

    public RangeSet copy() {
        RangeSet copy = new RangeSet();
        copy.ranges.putAll(ranges);
        copy.covered = covered;
        return copy;
    }

    /** {@code "0-100,200-300"}; the empty set is {@code ""}. */
    public String encode() {
        StringBuilder out = new StringBuilder(ranges.size() * 16);
        ranges.forEach((s, e) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(s).append('-').append(e);
        });
        return out.toString();
    }

    /**
     * Parses {@link #encode()}'s form. Ranges may come in any order and may overlap (they are merged).
     *
     * @throws IllegalArgumentException if {@code text} is malformed or holds an empty, inverted or
     *                                  negative range
     */
    public static RangeSet decode(String text) {
        RangeSet set = new RangeSet();
        if (text.isEmpty()) {
            return set;
        }
        for (String part : text.split(",", -1)) {
            int dash = part.indexOf('-');
            if (dash <= 0) {
                throw new IllegalArgumentException("malformed range '" + part + "'");
            }
            long start = Long.parseLong(part.substring(0, dash));
            long end = Long.parseLong(part.substring(dash + 1));
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("invalid range '" + part + "'");
            }
            set.add(start, end);
        }
        return set;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangeSet set && set.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return "[" + encode() + "]";
    }

    /** The ranges that intersect {@code [start, end)}, including one that begins before start. */
    private NavigableMap<Long, Long> overlapping(long start, long end) {
        Long from = ranges.floorKey(start);
        if (from == null || ranges.get(from) <= start) {
            from = start;
        }
        return ranges.subMap(from, true, end, false);
    }

    private static void requireNonNegative(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
    }
}
