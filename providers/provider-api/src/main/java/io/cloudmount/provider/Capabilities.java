package io.cloudmount.provider;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** An immutable set of {@link Capability} flags. */
public final class Capabilities {
    private final Set<Capability> flags;

    private Capabilities(Set<Capability> flags) {
        this.flags = Collections.unmodifiableSet(flags);
    }

    public static Capabilities of(Capability... flags) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        Collections.addAll(set, flags);
        return new Capabilities(set);
    }

    public boolean has(Capability flag) {
        return flags.contains(flag);
    }

    public Set<Capability> asSet() {
        return flags;
    }

    @Override
    public String toString() {
        return flags.toString();
    }
}
