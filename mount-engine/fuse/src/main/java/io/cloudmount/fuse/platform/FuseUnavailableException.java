package io.cloudmount.fuse.platform;

/** The native FUSE library is missing or unusable; the message tells the user how to fix it. */
public class FuseUnavailableException extends Exception {
    public FuseUnavailableException(String message) {
        super(message);
    }

    public FuseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
