package io.cloudmount.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.app.config.ConfiguredMount;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code cloudmount mount NAME}'s expansion knows every option of the mount command that takes a value. */
class ConfiguredMountOptionsTest {
    @Test
    void everyValueOptionOfTheMountCommandIsKnownSoItsValueIsNotTakenForTheName() {
        List<String> valueOptions = new CommandLine(new MountCommand()).getCommandSpec().options().stream()
                .filter(o -> o.arity().max() > 0).flatMap(o -> Arrays.stream(o.names())).toList();

        assertThat(valueOptions).isNotEmpty();
        assertThat(ConfiguredMount.valueOptions()).containsAll(valueOptions);
    }
}
