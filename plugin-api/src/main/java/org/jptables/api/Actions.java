package org.jptables.api;

/**
 * What a target tells the kernel's compiled classifier about its effect, once, when its rule is
 * committed ({@link Target#declare}), so that the compiled walk can act from the table's own
 * memory without reaching the target object, as the kernel's standard and NAT targets keep their
 * data in the table's blob. A target that declares nothing is called as always; declaring is never
 * required, only faster. Declare at most one action, and only when {@link Target#apply} does
 * nothing else, for every packet: no state kept, no other effect.
 */
public interface Actions {
    /** {@code apply} does nothing but return {@code verdict} (a {@link Verdict}). */
    void verdict(int verdict);

    /**
     * {@code apply} does nothing but call
     * {@link Packet#nat(int, int, int, int, int, int) packet.nat(kind, minAddress, maxAddress,
     * minPort, maxPort, flags)} with these values, then return {@code verdict}.
     */
    void nat(int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags, int verdict);
}
