package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.INVALID_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.OpenMode;
import io.cloudmount.provider.UploadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every operation rejects paths that {@link io.cloudmount.provider.ObjectPaths} does not accept, before touching the store. */
abstract class PathValidationContract extends ContractSupport {

    // The display name avoids the path itself: a NUL in a test name breaks the XML reports.
    @ParameterizedTest(name = "malformed path #{index}")
    @NullSource
    @ValueSource(strings = {"", "a", "a/b", "/a/", "//a", "/a//b", "/.", "/a/.", "/..", "/a/../b", "/./a", "/a\0b", "\\a"})
    void everyOperationRejectsAMalformedPathWithInvalidName(String bad) throws IOException {
        put("/ok", "untouched");
        Path source = localFile(utf8("payload"));
        Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
        operations.put("stat", () -> provider().stat(bad));
        operations.put("list", () -> provider().list(bad, null));
        operations.put("open", () -> provider().open(bad, OpenMode.READ));
        operations.put("createFile exclusive", () -> provider().createFile(bad, true));
        operations.put("createFile truncating", () -> provider().createFile(bad, false));
        operations.put("upload", () -> provider().upload(bad, source, UploadOptions.modifiedAt(SOME_TIME)));
        operations.put("mkdir", () -> provider().mkdir(bad));
        operations.put("deleteFile", () -> provider().deleteFile(bad));
        operations.put("deleteDirectory", () -> provider().deleteDirectory(bad));
        operations.put("rename from", () -> provider().rename(bad, "/x", true));
        operations.put("rename to", () -> provider().rename("/ok", bad, true));
        operations.put("setModifiedTime", () -> provider().setModifiedTime(bad, SOME_TIME));
        if (has(Capability.SERVER_SIDE_COPY)) {
            operations.put("copy from", () -> provider().copy(bad, "/x"));
            operations.put("copy to", () -> provider().copy("/ok", bad));
        }
        if (has(Capability.POSIX_MODE)) {
            operations.put("setMode", () -> provider().setMode(bad, 0644));
        }

        SoftAssertions softly = new SoftAssertions();
        operations.forEach((name, call) -> softly.check(() -> {
            try {
                assertFailsWith(call, INVALID_NAME);
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        }));
        softly.assertAll();
        assertThat(readText("/ok")).isEqualTo("untouched");
        assertThat(namesIn("/")).containsExactly("ok");
    }
}
