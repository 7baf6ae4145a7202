package io.cloudmount.provider.s3;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What a path names in the bucket, found by {@link PathLookup}. */
sealed interface S3Entry {

    /** A plain object at the file key. */
    record File(String key, HeadObjectResponse head) implements S3Entry {
    }

    /**
     * A directory: its marker object exists, or some key lies below it (an implied directory, as
     * other tools leave them), or it is the root.
     *
     * @param marker the {@code dir/} marker object, {@code null} for implied directories and the root
     */
    record Directory(String prefix, S3Object marker) implements S3Entry {
    }

    /** Nothing at that path. */
    record Missing() implements S3Entry {
    }
}
