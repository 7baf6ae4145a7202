/**
 * The provider conformance kit: contract tests that every {@link io.cloudmount.provider.StorageProvider}
 * must pass, shipped as {@code provider-api}'s test-jar.
 *
 * <p>A provider module adds one test class:
 * <pre>{@code
 * class MemoryProviderConformanceTest extends StorageProviderContract {
 *     @Override protected StorageProvider newProvider() { return MemoryProvider.withCapacity(1L << 30); }
 *     @Override protected boolean handlesSurviveDelete() { return true; }
 * }
 * }</pre>
 *
 * <p>{@link io.cloudmount.provider.conformance.StorageProviderContract} owns the provider's lifecycle
 * (a fresh, empty provider per test) and groups the contract by area in {@code @Nested} classes, each
 * defined in its own {@code *Contract} file so that no file grows past a screenful of concerns. Tests for
 * optional behaviour skip themselves (JUnit assumptions) when the provider lacks the
 * {@link io.cloudmount.provider.Capability capability}, so a report shows what was not exercised.
 *
 * <p>Everything is observed through the SPI only (bytes, sizes, listings, exception kinds), never through
 * a provider's internals. Where the SPI leaves a choice open (for example whether creating a file below
 * a file is {@code NOT_FOUND} or {@code NOT_A_DIRECTORY}), the kit accepts each kind a POSIX or object
 * store can honestly report, and says so in the test.
 */
package io.cloudmount.provider.conformance;
