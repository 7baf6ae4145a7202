package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.NOT_FOUND;
import static io.cloudmount.provider.ProviderException.Kind.UNSUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectHandle;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.OpenMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Modification times, POSIX modes and ETags. */
abstract class MetadataContract extends ContractSupport {

    @Test
    void setModifiedTimeRoundTripsThroughStat() throws IOException {
        assumeCapability(Capability.MODIFICATION_TIMES);
        put("/f", "x", SOME_TIME);

        provider().setModifiedTime("/f", OTHER_TIME);

        assertThat(provider().stat("/f").modified()).isEqualTo(OTHER_TIME);
    }

    @Test
    void setModifiedTimeIsReportedByListing() throws IOException {
        assumeCapability(Capability.MODIFICATION_TIMES);
        put("/f", "x", SOME_TIME);

        provider().setModifiedTime("/f", OTHER_TIME);

        assertThat(listAll("/")).singleElement().extracting(ObjectInfo::modified).isEqualTo(OTHER_TIME);
    }

    @Test
    void setModifiedTimeLeavesTheContentAlone() throws IOException {
        assumeCapability(Capability.MODIFICATION_TIMES);
        byte[] data = content(10_000, 1);
        put("/f", data);

        provider().setModifiedTime("/f", OTHER_TIME);

        assertThat(readAll("/f")).isEqualTo(data);
    }

    @Test
    void setModifiedTimeOfAMissingPathFailsWithNotFound() {
        assumeCapability(Capability.MODIFICATION_TIMES);

        assertFailsWith(() -> provider().setModifiedTime("/missing", OTHER_TIME), NOT_FOUND);
    }

    @Test
    void setModeRoundTripsThroughStatForFiles() throws IOException {
        assumeCapability(Capability.POSIX_MODE);
        put("/f", "x");

        provider().setMode("/f", 0640);
        assertThat(provider().stat("/f").mode() & 0777).isEqualTo(0640);

        provider().setMode("/f", 0600);
        assertThat(provider().stat("/f").mode() & 0777).isEqualTo(0600);
    }

    @Test
    void setModeRoundTripsThroughStatForDirectories() throws IOException {
        assumeCapability(Capability.POSIX_MODE);
        mkdirs("/d");

        provider().setMode("/d", 0750);

        assertThat(provider().stat("/d").mode() & 0777).isEqualTo(0750);
    }

    @Test
    void setModeOfAMissingPathFailsWithNotFound() {
        assumeCapability(Capability.POSIX_MODE);

        assertFailsWith(() -> provider().setMode("/missing", 0644), NOT_FOUND);
    }

    @Test
    void setModeWithoutPosixModeIsUnsupported() throws IOException {
        assumeNoCapability(Capability.POSIX_MODE);
        put("/f", "x");

        assertFailsWith(() -> provider().setMode("/f", 0644), UNSUPPORTED);
    }

    @Test
    void reportedModesArePermissionBitsOrUnknown() throws IOException {
        put("/f", "x");
        mkdirs("/d");

        for (String path : new String[] {"/", "/f", "/d"}) {
            int mode = provider().stat(path).mode();
            assertThat(mode == ObjectInfo.MODE_UNKNOWN || (mode >= 0 && mode <= 07777)).as("mode %o of %s", mode, path).isTrue();
        }
    }

    @Test
    void filesHaveAnEtagThatStaysTheSameWhileTheContentDoes() throws IOException {
        assumeCapability(Capability.ETAGS);
        put("/f", "x");

        String first = provider().stat("/f").etag();

        assertThat(first).isNotEmpty();
        assertThat(provider().stat("/f").etag()).isEqualTo(first);
        assertThat(listAll("/")).singleElement().extracting(ObjectInfo::etag).isEqualTo(first);
    }

    @Test
    void etagChangesWhenAnUploadReplacesTheContent() throws IOException {
        assumeCapability(Capability.ETAGS);
        put("/f", "first");
        String before = provider().stat("/f").etag();

        put("/f", "second");

        assertThat(provider().stat("/f").etag()).isNotEqualTo(before);
    }

    @Test
    void etagChangesOnEveryInPlaceWriteAndTruncate() throws IOException {
        assumeCapability(Capability.ETAGS);
        assumeCapability(Capability.RANDOM_WRITE);
        put("/f", "aaaa");
        String initial = provider().stat("/f").etag();

        try (ObjectHandle handle = provider().open("/f", OpenMode.READ_WRITE)) {
            handle.write(0, ByteBuffer.wrap(utf8("b")));
            String afterWrite = provider().stat("/f").etag();
            handle.truncate(2);
            String afterTruncate = provider().stat("/f").etag();

            assertThat(afterWrite).isNotEqualTo(initial);
            assertThat(afterTruncate).isNotEqualTo(afterWrite).isNotEqualTo(initial);
        }
    }

    @Test
    void etagIsAbsentWithoutTheEtagsCapability() throws IOException {
        assumeNoCapability(Capability.ETAGS);
        put("/f", "x");

        assertThat(provider().stat("/f").etag()).isNull();
        assertThat(listAll("/")).singleElement().extracting(ObjectInfo::etag).isNull();
    }
}
