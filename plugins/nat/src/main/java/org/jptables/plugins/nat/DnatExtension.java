package org.jptables.plugins.nat;

/** {@code -j DNAT}: rewrites the destination of new connections (nat PREROUTING and OUTPUT). */
@org.pf4j.Extension
public final class DnatExtension extends NatTargetExtension {
    public DnatExtension() {
        super(NatKind.DNAT);
    }
}
