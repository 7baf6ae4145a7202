/**
 * An in-memory store: the reference provider for the conformance kit and the fast test double of
 * the mount engine (the role MEMFS plays for WinFsp). Entry point: {@link io.cloudmount.provider.memory.MemoryProvider}.
 *
 * <h2>Data layout</h2>
 * File content lives in {@link io.cloudmount.provider.memory.PagedBytes}: 64 KiB {@code byte[]} pages
 * allocated on first write, in a two-level table so that sparse files with data past 4 GiB cost only
 * the pages written. Reads and writes copy directly between the caller's (often direct) buffer and the
 * pages. The drive is benchmarked through FUSE against a C pass-through file system, so the hot paths
 * (positional read and write on a handle) take exactly one lock, the file's, and allocate nothing but
 * new pages.
 *
 * <h2>Locking</h2>
 * Three kinds of lock, always taken in this order (a later one never reaches back for an earlier one):
 * <ol>
 *   <li>{@link io.cloudmount.provider.memory.MemTree}'s namespace read-write lock guards every
 *       directory's children (lookups share it; create, delete and rename take it exclusively).</li>
 *   <li>A {@link io.cloudmount.provider.memory.MemFile}'s monitor guards its reference count (open
 *       handles, copies in progress) and its unlinked flag.</li>
 *   <li>A file's {@code StampedLock} guards its content and version: reads share it, writes and
 *       truncation are exclusive, {@code stat} reads the size optimistically.</li>
 * </ol>
 * Handles take only the last one, so a large write never stalls a directory listing. Work that may
 * wait on a file's content lock (truncating for {@code createFile}, freeing an unlinked file) runs after
 * the namespace lock is released.
 *
 * <h2>Capacity</h2>
 * {@link io.cloudmount.provider.memory.SpaceAccount} charges allocated page bytes and the page table
 * that holds them (not logical sizes, so holes are free) against the capacity before any byte changes; a write that does not fit fails with
 * {@code NoSpace} and leaves the file as it was. Each file and folder is charged a fixed amount plus
 * its name, so empty entries fill the drive too; that charge returns when the entry is removed or
 * replaced. Pages return to the account on truncate and delete, or
 * for an unlinked file when its last handle closes (POSIX semantics).
 */
package io.cloudmount.provider.memory;
