package io.cloudmount.provider.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudmount.provider.ListPage;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MemoryProviderTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123456789Z");

    private final MemoryProvider provider = MemoryProvider.builder()
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .listPageSize(2)
            .build();

    @Test
    void listingPagesByTheConfiguredSizeInNameOrder() throws IOException {
        for (String name : new String[] {"e", "a", "d", "b", "c"}) {
            provider.createFile("/" + name, true);
        }

        ListPage first = provider.list("/", null);
        ListPage second = provider.list("/", first.nextPageToken());
        ListPage third = provider.list("/", second.nextPageToken());

        assertThat(first.entries()).extracting(ObjectInfo::name).containsExactly("a", "b");
        assertThat(second.entries()).extracting(ObjectInfo::name).containsExactly("c", "d");
        assertThat(third.entries()).extracting(ObjectInfo::name).containsExactly("e");
        assertThat(third.isLast()).isTrue();
    }

    @Test
    void pagingResumesAfterTheLastNameEvenIfThatNameWasDeleted() throws IOException {
        for (String name : new String[] {"a", "b", "c"}) {
            provider.createFile("/" + name, true);
        }
        ListPage first = provider.list("/", null);

        provider.deleteFile("/b");

        assertThat(provider.list("/", first.nextPageToken()).entries()).extracting(ObjectInfo::name).containsExactly("c");
    }

    @Test
    void newEntriesAndWritesTakeTheirTimeFromTheClock() throws IOException {
        provider.mkdir("/d");
        provider.createFile("/d/f", true);
        provider.setModifiedTime("/d/f", Instant.EPOCH);

        try (ObjectHandle handle = provider.open("/d/f", OpenMode.READ_WRITE)) {
            handle.write(0, ByteBuffer.wrap(new byte[] {1}));
        }

        assertThat(provider.stat("/d").modified()).isEqualTo(NOW);
        assertThat(provider.stat("/d/f").modified()).isEqualTo(NOW);
    }

    @Test
    void newEntriesGetConventionalModes() throws IOException {
        provider.mkdir("/d");
        provider.createFile("/f", true);

        assertThat(provider.stat("/d").mode()).isEqualTo(0755);
        assertThat(provider.stat("/f").mode()).isEqualTo(0644);
    }

    @Test
    void aClosedHandleRefusesFurtherCalls() throws IOException {
        provider.createFile("/f", true);
        ObjectHandle handle = provider.open("/f", OpenMode.READ);
        handle.close();

        assertThatThrownBy(() -> handle.read(0, ByteBuffer.allocate(1))).isInstanceOf(ProviderException.Io.class);
    }

    @Test
    void builderRejectsAnEmptyListPage() {
        assertThatThrownBy(() -> MemoryProvider.builder().listPageSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listPageSize");
    }
}
