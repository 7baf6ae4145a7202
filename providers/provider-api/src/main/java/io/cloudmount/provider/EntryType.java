package io.cloudmount.provider;

/** The two kinds of entries a store holds. Symbolic links are not part of the SPI. */
public enum EntryType {
    FILE,
    DIRECTORY
}
