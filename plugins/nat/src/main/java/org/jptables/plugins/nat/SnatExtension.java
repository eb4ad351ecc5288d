package org.jptables.plugins.nat;

/** {@code -j SNAT}: rewrites the source of new connections (nat POSTROUTING and INPUT). */
@org.pf4j.Extension
public final class SnatExtension extends NatTargetExtension {
    public SnatExtension() {
        super(NatKind.SNAT);
    }
}
