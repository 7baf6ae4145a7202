/**
 * Secrets (S3 secret keys) kept outside the configuration file: the OS store where there is one
 * (Secret Service on Linux through libsecret or secret-tool, DPAPI on Windows), else an explicit
 * fallback file that the UI flags. {@link io.cloudmount.app.secrets.SecretStores#detect} chooses.
 */
package io.cloudmount.app.secrets;
