package io.cloudmount.provider.conformance;

import static io.cloudmount.provider.ProviderException.Kind.NOT_A_DIRECTORY;
import static io.cloudmount.provider.ProviderException.Kind.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudmount.provider.Capability;
import io.cloudmount.provider.ObjectInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** list: children, types, paging, errors, and names with any characters. */
abstract class ListingContract extends ContractSupport {

    @Test
    void listOfAnEmptyRootReturnsNoEntries() throws IOException {
        assertThat(listAll("/")).isEmpty();
    }

    @Test
    void listReturnsDirectChildrenWithTheirTypesAndSizes() throws IOException {
        put("/a.txt", "abc");
        mkdirs("/sub");
        put("/sub/inner.txt", "not listed at the root");

        Map<String, ObjectInfo> byName = listAll("/").stream()
                .collect(Collectors.toMap(ObjectInfo::name, Function.identity()));

        assertThat(byName).containsOnlyKeys("a.txt", "sub");
        assertThat(byName.get("a.txt").isFile()).isTrue();
        assertThat(byName.get("a.txt").size()).isEqualTo(3);
        assertThat(byName.get("sub").isDirectory()).isTrue();
        assertThat(byName.get("sub").size()).isZero();
    }

    @Test
    void listOfASubdirectoryReturnsOnlyItsChildren() throws IOException {
        mkdirs("/d", "/d/e");
        put("/d/one", "1");
        put("/d/e/two", "2");
        put("/outside", "3");

        assertThat(namesIn("/d")).containsExactlyInAnyOrder("one", "e");
        assertThat(namesIn("/d/e")).containsExactly("two");
    }

    @Test
    void listedEntriesAgreeWithStat() throws IOException {
        put("/f1", content(10, 1));
        put("/f2", content(70_000, 2));
        mkdirs("/d");
        put("/d/x", "x");

        for (ObjectInfo entry : listAll("/")) {
            ObjectInfo stat = provider().stat("/" + entry.name());
            assertThat(entry.type()).as(entry.name()).isEqualTo(stat.type());
            assertThat(entry.size()).as(entry.name()).isEqualTo(stat.size());
        }
    }

    @Test
    void listNamesShowsTheSameNamesKindsAndSizesAsList() throws IOException {
        mkdirs("/d", "/d/sub");
        put("/d/a.txt", "abc");
        put("/d/b", content(5000, 3));

        assertThat(listAll("/d", true)).extracting(ObjectInfo::name, ObjectInfo::isDirectory, ObjectInfo::size)
                .containsExactlyInAnyOrderElementsOf(listAll("/d").stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.name(), e.isDirectory(), e.size())).toList());
    }

    @Test
    void listOfAnEmptyDirectoryReturnsNoEntries() throws IOException {
        assumeCapability(Capability.EMPTY_DIRECTORIES);
        mkdirs("/empty");

        assertThat(listAll("/empty")).isEmpty();
    }

    @Test
    void listShowsEntriesCreatedAfterAnEarlierListing() throws IOException {
        put("/first", "1");
        assertThat(namesIn("/")).containsExactly("first");

        put("/second", "2");

        assertThat(namesIn("/")).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void listOfAMissingDirectoryFailsWithNotFound() {
        assertFailsWith(() -> provider().list("/missing", null), NOT_FOUND);
    }

    @Test
    void listOfAFileFailsWithNotADirectory() throws IOException {
        put("/file", "x");

        assertFailsWith(() -> provider().list("/file", null), NOT_A_DIRECTORY);
    }

    @Test
    void listPagesThroughManyEntriesReturningEachExactlyOnce() throws IOException {
        mkdirs("/many");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < kit().manyEntriesCount(); i++) {
            String name = String.format("file-%05d.txt", i);
            provider().createFile("/many/" + name, true);
            expected.add(name);
        }

        List<String> listed = namesIn("/many");

        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void exoticFileNamesRoundTripThroughCreateListStatAndRead() throws IOException {
        List<String> names = kit().exoticNames();
        for (String name : names) {
            put("/" + name, name);
        }

        assertThat(namesIn("/")).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(provider().stat("/" + name).name()).isEqualTo(name);
            assertThat(readText("/" + name)).as(name).isEqualTo(name);
        }
    }

    @Test
    void exoticDirectoryNamesHoldChildren() throws IOException {
        List<String> names = kit().exoticNames();
        for (String name : names) {
            provider().mkdir("/" + name);
            put("/" + name + "/child " + name, name);
        }

        for (String name : names) {
            assertThat(provider().stat("/" + name).isDirectory()).as(name).isTrue();
            assertThat(namesIn("/" + name)).containsExactly("child " + name);
            assertThat(readText("/" + name + "/child " + name)).isEqualTo(name);
        }
    }
}
