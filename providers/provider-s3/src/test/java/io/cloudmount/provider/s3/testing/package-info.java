/**
 * A real S3 server for tests, reusable by other modules through this module's test-jar
 * ({@code provider-s3:test-jar}, plus {@code org.gaul:s3proxy} and {@code org.apache.jclouds.api:s3}
 * in test scope, versions from the parent pom).
 *
 * <p>{@link io.cloudmount.provider.s3.testing.S3TestServer} runs S3Proxy over jclouds' in-memory
 * "transient" blob store on 127.0.0.1 and a free port, checking V4 signatures against fixed test
 * keys; {@link io.cloudmount.provider.s3.testing.S3ServerExtension} shares one server per test run.
 *
 * <p>{@link io.cloudmount.provider.s3.testing.FaultyS3Proxy} sits between a client and that server on
 * another loopback port and relays every request verbatim (so V4 signatures, {@code aws-chunked}
 * uploads and {@code Expect: 100-continue} work unchanged), except for the next N requests that a test
 * picks by method and target: those get a {@link io.cloudmount.provider.s3.testing.Fault} (an S3 error
 * answer such as 503 SlowDown, a delay, a connection reset, a truncated body). It records every request
 * with its header fields, so tests count the SDK's retries and tell requests that share a target apart
 * ({@code UploadPart} from {@code UploadPartCopy} by {@code x-amz-copy-source}).
 *
 * <p>Known differences between S3Proxy 2.6.0 and AWS, found by these tests:
 * <ul>
 *   <li>Keys containing {@code //} cannot be written: the HTTP layer collapses the slashes and the
 *       signature check fails.</li>
 *   <li>With a delimiter, child markers ({@code dir/}) come back as objects, not common prefixes;
 *       the provider accepts both.</li>
 *   <li>{@code aws-chunked} (an upload transfer encoding) is stored as the object's
 *       Content-Encoding; the provider drops it when it rewrites metadata.</li>
 *   <li>ListMultipartUploads is not implemented for this blob store, so tests cannot check that a
 *       failed multipart upload was aborted.</li>
 *   <li>Conditional PUT ({@code If-None-Match: *}) is ignored; the provider does not rely on it.</li>
 *   <li>Throttling and 5xx answers cannot be provoked from the server itself; {@code FaultyS3Proxy}
 *       injects them in front of it.</li>
 * </ul>
 * What works as on AWS: ranged GET with {@code If-Match}, copy with {@code x-amz-copy-source-if-match},
 * {@code UploadPartCopy} with byte ranges (and 412 when its {@code x-amz-copy-source-if-match} no longer
 * matches), copying parts of a key into a multipart upload of the same key, user metadata, the 5 MiB minimum part size,
 * ListObjectsV2 paging at 1000 keys, and the error codes for unknown keys, bad signatures and
 * missing buckets.
 */
package io.cloudmount.provider.s3.testing;
