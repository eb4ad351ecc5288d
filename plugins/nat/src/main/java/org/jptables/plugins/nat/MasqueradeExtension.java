package org.jptables.plugins.nat;

/** {@code -j MASQUERADE}: SNAT to the address of the outgoing interface (nat POSTROUTING). */
@org.pf4j.Extension
public final class MasqueradeExtension extends NatTargetExtension {
    public MasqueradeExtension() {
        super(NatKind.MASQUERADE);
    }
}
