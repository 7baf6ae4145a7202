package io.cloudmount.provider;

/** How {@link StorageProvider#open} opens an object. */
public enum OpenMode {
    READ,
    /** Read and write in place; only for stores with {@link Capability#RANDOM_WRITE}. */
    READ_WRITE
}
