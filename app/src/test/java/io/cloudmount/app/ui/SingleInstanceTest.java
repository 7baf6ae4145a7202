package io.cloudmount.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {
    @Test
    void aSecondClaimAsksTheFirstToShowItself(@TempDir Path dir) throws Exception {
        SingleInstance.Claim first = SingleInstance.claim(dir);
        assertThat(first).isInstanceOf(SingleInstance.Claim.Primary.class);
        SingleInstance instance = ((SingleInstance.Claim.Primary) first).instance();
        CountDownLatch shown = new CountDownLatch(1);
        instance.onShowRequest(shown::countDown);

        SingleInstance.Claim second = SingleInstance.claim(dir);

        assertThat(second).isEqualTo(new SingleInstance.Claim.Secondary(true));
        assertThat(shown.await(5, TimeUnit.SECONDS)).isTrue();
        instance.close();
        SingleInstance.Claim afterQuit = SingleInstance.claim(dir);
        assertThat(afterQuit).isInstanceOf(SingleInstance.Claim.Primary.class);
        ((SingleInstance.Claim.Primary) afterQuit).instance().close();
    }
}
