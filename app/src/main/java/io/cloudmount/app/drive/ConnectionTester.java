package io.cloudmount.app.drive;

import io.cloudmount.provider.ProviderException;
import io.cloudmount.provider.StorageProvider;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** "Test connection" in the drive editor: opens the store once and asks it whether we may list the root. */
public final class ConnectionTester {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTester.class);

    /** The answer shown under the button. */
    public record Result(boolean ok, String message) {
    }

    private final ProviderFactory providers;

    public ConnectionTester(ProviderFactory providers) {
        this.providers = providers;
    }

    /** Blocks up to a few seconds (network): call it off the FX thread. */
    public Result test(StorageSpec spec, Optional<String> secretKey) {
        if (spec instanceof StorageSpec.Memory) {
            return new Result(true, "Memory drives need no connection.");
        }
        try (StorageProvider provider = providers.open(spec, secretKey, true)) {
            provider.checkAccess();
            return new Result(true, "Connected: " + spec.describe() + " can be read with these settings.");
        } catch (DriveProblem | ProviderException e) {
            LOG.debug("Connection test of {} failed", spec.describe(), e);
            return new Result(false, ProblemMessages.of(e));
        } catch (RuntimeException e) {
            LOG.warn("Connection test of {} failed unexpectedly", spec.describe(), e);
            return new Result(false, ProblemMessages.of(e));
        }
    }
}
