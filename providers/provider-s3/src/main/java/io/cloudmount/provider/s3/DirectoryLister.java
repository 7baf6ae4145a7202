package io.cloudmount.provider.s3;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ObjectPaths;
import io.cloudmount.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;

/**
 * Lists one directory level with {@code delimiter=/}, one S3 page (up to 1000 keys) per SPI page;
 * the SPI page token is S3's continuation token.
 *
 * <p>What a page shows: every object directly below the prefix as a file, every common prefix as a
 * directory, the directory's own marker hidden. Names that cannot be SPI path segments
 * ({@code a//b}, {@code .}, {@code ..}) are skipped: such keys exist only when written by other
 * tools, and showing them would produce paths the engine cannot address. A directory hides a file
 * of the same name ({@link PathLookup}); when that file ends a truncated page, the directory may sit
 * on the next page, so one extra one-key LIST decides.
 */
final class DirectoryLister {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLister.class);
    private static final int PAGE_SIZE = 1000;
    /** UTF-8 byte order is code point order, which is S3's listing order; {@code String.compareTo} is not. */
    private static final Comparator<String> S3_ORDER = DirectoryLister::compareCodePoints;

    private final S3Bucket bucket;
    private final S3Keys keys;
    private final boolean modTimes;
    private final ExecutorService lookups;
    private final KnownModTimes knownTimes;

    DirectoryLister(S3Bucket bucket, S3Keys keys, boolean modTimes, ExecutorService lookups, KnownModTimes knownTimes) {
        this.bucket = bucket;
        this.keys = keys;
        this.modTimes = modTimes;
        this.lookups = lookups;
        this.knownTimes = knownTimes;
    }

    /** @param storedTimes read each file's stored mtime (a HEAD per file not seen before), if enabled */
    ListPage list(String directory, String pageToken, boolean storedTimes) throws ProviderException {
        String prefix = keys.dirPrefix(directory);
        ListObjectsV2Response page = bucket.list(prefix, "/", pageToken, PAGE_SIZE, directory);
        List<S3Object> objects = page.hasContents() ? page.contents() : List.of();
        List<CommonPrefix> prefixes = page.hasCommonPrefixes() ? page.commonPrefixes() : List.of();
        boolean truncated = Boolean.TRUE.equals(page.isTruncated()) && page.nextContinuationToken() != null;
        // A truncated first page can be empty: every key on it was a renamed file's old name (S3Bucket#list).
        if (pageToken == null && objects.isEmpty() && prefixes.isEmpty() && !truncated && !ObjectPaths.isRoot(directory)) {
            throw absentDirectory(directory);
        }

        List<Child> children = new ArrayList<>();
        // A child's marker listed as an object, not rolled into a common prefix: jclouds-based
        // servers (S3Proxy) answer so. It still means "a directory"; kept for its LastModified.
        Map<String, S3Object> listedMarkers = new HashMap<>();
        for (S3Object object : objects) {
            String name = object.key().endsWith("/") ? childName(prefix, object.key(), true) : null;
            if (name != null) {
                listedMarkers.putIfAbsent(name, object);
            }
        }
        Map<String, Child> directories = new HashMap<>();
        for (CommonPrefix cp : prefixes) {
            String name = childName(prefix, cp.prefix(), true);
            if (name != null && !directories.containsKey(name)) {
                directories.put(name, new Child(cp.prefix(), name, null, listedMarkers.get(name)));
            }
        }
        listedMarkers.forEach((name, marker) -> directories.putIfAbsent(name, new Child(marker.key(), name, null, marker)));
        children.addAll(directories.values());
        Set<String> directoryNames = directories.keySet();
        String lastKey = truncated ? lastKeyOf(page) : "";
        for (S3Object object : objects) {
            String name = object.key().endsWith("/") ? null : childName(prefix, object.key(), false);
            if (name != null && !directoryNames.contains(name)
                    && !(truncated && shadowedByLaterDirectory(object.key(), lastKey, directory))) {
                children.add(new Child(object.key(), name, object, null));
            }
        }
        children.sort(Comparator.comparing(Child::key, S3_ORDER));
        List<ObjectInfo> entries = modTimes && storedTimes
                ? describe(children, directory) : children.stream().map(Child::fromListing).toList();
        return new ListPage(entries, truncated ? page.nextContinuationToken() : null);
    }

    /** On an empty first page: is there a file in the way, or nothing at all? */
    private ProviderException absentDirectory(String directory) throws ProviderException {
        boolean isFile = bucket.head(keys.fileKey(directory), directory).isPresent();
        return isFile ? new ProviderException.NotADirectory(directory) : new ProviderException.NotFound(directory);
    }

    /**
     * True if a file at the end of a truncated page has a same-named directory on a later page.
     * Keys between {@code a} and {@code a/} ({@code a b}, {@code a.txt}) can push {@code a/} past the page end.
     */
    private boolean shadowedByLaterDirectory(String fileKey, String lastKeyOfPage, String directory)
            throws ProviderException {
        String dirPrefix = fileKey + "/";
        if (S3_ORDER.compare(dirPrefix, lastKeyOfPage) <= 0) {
            return false; // it would have been on this page
        }
        return !bucket.firstKeysUnder(dirPrefix, 1, directory).isEmpty();
    }

    private static String lastKeyOf(ListObjectsV2Response page) {
        String last = "";
        if (page.hasContents()) {
            for (S3Object o : page.contents()) {
                last = max(last, o.key());
            }
        }
        if (page.hasCommonPrefixes()) {
            for (CommonPrefix cp : page.commonPrefixes()) {
                last = max(last, cp.prefix());
            }
        }
        return last;
    }

    private List<ObjectInfo> describe(List<Child> children, String directory) throws ProviderException {
        // The stored mtime is only in each object's headers: one HEAD per entry, run in parallel,
        // except for object versions a HEAD has already shown (a listing fetched again).
        ObjectInfo[] infos = new ObjectInfo[children.size()];
        List<Child> unknown = new ArrayList<>();
        for (int i = 0; i < infos.length; i++) {
            Child child = children.get(i);
            Instant known = child.object() == null ? null : knownTimes.modified(child.object());
            if (known == null) {
                unknown.add(child);
            } else {
                infos[i] = child.fromListing(known);
            }
        }
        var lookup = new ParallelLookups<Child, ObjectInfo>(lookups, bucket.errors(), directory);
        Queue<ProviderException> refused = new ConcurrentLinkedQueue<>();
        var headed = lookup.run(unknown, child -> describeWithHead(child, refused)).iterator();
        for (int i = 0; i < infos.length; i++) {
            if (infos[i] == null) {
                infos[i] = headed.next();
            }
        }
        if (!refused.isEmpty()) {
            // Once per listing: with a per-user policy every listing of a shared folder meets these.
            // The message names the path and the HTTP status, never the server's text or credentials.
            LOG.debug("{} of {} entries in {} refused a HEAD and show the listing's size and time (first: {})",
                    refused.size(), unknown.size(), directory, refused.peek().getMessage());
        }
        return List.of(infos);
    }

    /** @param refused collects the entries that may be listed but not HEADed */
    private ObjectInfo describeWithHead(Child child, Queue<ProviderException> refused) throws ProviderException {
        String path = keys.pathOf(child.key());
        Optional<HeadObjectResponse> found;
        try {
            found = bucket.head(child.key(), path);
        } catch (ProviderException e) {
            // The LIST showed the entry, so the user may see it; a HEAD refused for this object alone
            // (a per-user IAM policy's 403, an SSE-C object's 400) must not hide the whole folder.
            // Failures of the server or the network still fail the page.
            if (!S3Errors.refusesOnlyThisObject(e)) {
                throw e;
            }
            refused.add(e);
            return child.asListed();
        }
        if (child.object() == null) {
            Instant time = found.map(PathLookup::modified).orElse(Instant.EPOCH);
            return ObjectInfo.directory(child.name(), time);
        }
        // Deleted since the LIST: show what the listing said rather than failing the whole page.
        return found
                .map(head -> {
                    knownTimes.record(child.key(), head);
                    return PathLookup.fileInfo(child.name(), head);
                })
                .orElseGet(child::fromListing);
    }

    /** The entry name of a key or common prefix, or {@code null} if it is not a valid path segment. */
    private static String childName(String prefix, String key, boolean isPrefix) {
        // Some servers echo the listed directory's own marker as a common prefix: not a child.
        if (!key.startsWith(prefix) || key.length() <= prefix.length() + (isPrefix ? 1 : 0)) {
            return null;
        }
        String name = key.substring(prefix.length(), isPrefix ? key.length() - 1 : key.length());
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            if (!name.isEmpty()) {
                LOG.debug("skipping key {}: not a valid file name", key);
            }
            return null;
        }
        return name;
    }

    private static String max(String a, String b) {
        return S3_ORDER.compare(a, b) >= 0 ? a : b;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * One entry of a page: a file (with its listing data) or a directory ({@code object == null};
     * {@code marker} is its marker object if the listing showed it, else {@code null}).
     */
    private record Child(String key, String name, S3Object object, S3Object marker) {
        ObjectInfo fromListing() {
            if (object == null) {
                return ObjectInfo.directory(name, Instant.EPOCH);
            }
            return fromListing(PathLookup.listedTime(object));
        }

        /**
         * What the listing says when the HEAD was refused: a file's size and LastModified; for a
         * directory its marker's LastModified where the listing showed the marker (S3 itself rolls
         * it into the common prefix: the epoch then, as for a directory without a marker).
         */
        ObjectInfo asListed() {
            if (object == null) {
                return ObjectInfo.directory(name, PathLookup.listedTime(marker));
            }
            return fromListing();
        }

        /** A file as listed, with its modification time known from elsewhere. */
        ObjectInfo fromListing(Instant modified) {
            long size = object.size() == null ? 0 : object.size();
            return ObjectInfo.file(name, size, modified, object.eTag());
        }
    }
}
