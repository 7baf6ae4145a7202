/**
 * The JNA binding to the FUSE 3 high-level API: the library interface, one callback interface per
 * native signature, and writers that fill native structs from a {@link io.cloudmount.fuse.platform
 * platform layout}. Paths arrive as raw {@code Pointer}s and are decoded as UTF-8 here, whatever
 * JNA's default encoding is (WinFsp passes UTF-8 on every Windows code page).
 */
package io.cloudmount.fuse.nativeapi;
