package org.jptables.plugins.nat;

/** {@code -j REDIRECT}: DNAT to the host itself (nat PREROUTING and OUTPUT). */
@org.pf4j.Extension
public final class RedirectExtension extends NatTargetExtension {
    public RedirectExtension() {
        super(NatKind.REDIRECT);
    }
}
