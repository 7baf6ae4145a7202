package io.cloudmount.provider;

import java.util.List;

/**
 * One page of a directory listing.
 *
 * @param entries       the children in this page (never {@code "."} or {@code ".."}), in the store's order
 * @param nextPageToken opaque token for {@link StorageProvider#list}, or {@code null} on the last page
 */
public record ListPage(List<ObjectInfo> entries, String nextPageToken) {
    public ListPage {
        entries = List.copyOf(entries);
    }

    public boolean isLast() {
        return nextPageToken == null;
    }
}
