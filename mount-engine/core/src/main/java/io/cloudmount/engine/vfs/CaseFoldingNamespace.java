package io.cloudmount.engine.vfs;

import io.cloudmount.engine.FsError;
import io.cloudmount.engine.FsException;
import io.cloudmount.engine.names.CaseMatch;
import io.cloudmount.provider.ObjectInfo;
import io.cloudmount.provider.ProviderException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Case-insensitive names over the write-back cache: every path is turned into the stored one before
 * it reaches the cache, segment by segment, by the {@link CaseMatch} rule over what the cache shows
 * (files not uploaded yet included). Below the cache this would not do: the cache would keep
 * {@code README.TXT} and {@code readme.txt} as two files, and a file written under one name would not
 * be read under the other until uploaded. Names that match nothing are kept as typed (a new file).
 */
final class CaseFoldingNamespace implements Namespace {
    private final Namespace names;

    CaseFoldingNamespace(Namespace names) {
        this.names = names;
    }

    @Override
    public String stored(String path) throws IOException {
        return resolve(path);
    }

    /** The path as stored, resolved against what the cache shows. */
    private String resolve(String path) throws IOException {
        return CaseMatch.storedPath(path, cachedNames);
    }

    private final CaseMatch.StoredNames<IOException> cachedNames = new CaseMatch.StoredNames<>() {
        @Override
        public boolean exists(String path) throws IOException {
            try {
                names.stat(path);
                return true;
            } catch (ProviderException.NotFound | ProviderException.NotADirectory e) {
                return false;
            }
        }

        @Override
        public void offerNames(String directory, CaseMatch match) throws IOException {
            List<String> stored;
            try {
                stored = names.names(directory);
            } catch (ProviderException.NotFound | ProviderException.NotADirectory e) {
                return; // no such directory: the call itself reports it
            }
            for (String name : stored) {
                if (match.offer(name)) {
                    return;
                }
            }
        }
    };

    @Override
    public ObjectInfo stat(String path) throws IOException {
        return names.stat(resolve(path));
    }

    @Override
    public List<ObjectInfo> list(String directory) throws IOException {
        return names.list(resolve(directory));
    }

    @Override
    public FileHandle open(String path, OpenFlags flags) throws IOException {
        return names.open(resolve(path), flags);
    }

    /** Over a file stored in another case ({@code README.MD} over {@code readme.md}): that file, keeping its name. */
    @Override
    public FileHandle create(String path, OpenFlags flags) throws IOException {
        return names.create(resolve(path), flags);
    }

    @Override
    public void mkdir(String path) throws IOException {
        names.mkdir(resolve(path));
    }

    @Override
    public void rmdir(String path) throws IOException {
        names.rmdir(resolve(path));
    }

    @Override
    public void unlink(String path) throws IOException {
        names.unlink(resolve(path));
    }

    /** Onto another case of the entry itself ({@code a.txt} to {@code A.txt}): a rename that changes the case. */
    @Override
    public void rename(String from, String to, boolean replace) throws IOException {
        String source = resolve(from);
        // One entry typed with another case of a folder on the way resolves to itself: the cache takes a
        // rename onto itself as done.
        String target = CaseMatch.renameTarget(source, resolve(to), to);
        if (CaseMatch.movesBelowItself(source, target) && names.stat(source).isDirectory()) {
            throw new FsException(FsError.EINVAL, "cannot move " + from + " into itself");
        }
        names.rename(source, target, replace);
    }

    @Override
    public void setModifiedTime(String path, Instant modified) throws IOException {
        names.setModifiedTime(resolve(path), modified);
    }

    @Override
    public void close() throws IOException {
        names.close();
    }
}
