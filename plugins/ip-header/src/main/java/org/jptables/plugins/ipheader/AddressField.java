package org.jptables.plugins.ipheader;

/**
 * One address of the rule header: {@code [!] -s} or {@code [!] -d} after its list is expanded.
 *
 * @param given    whether the rule names it (otherwise 0.0.0.0/0, which matches every packet)
 * @param address  the masked address
 * @param mask     the mask
 * @param inverted whether {@code !} stood before the option
 */
record AddressField(boolean given, int address, int mask, boolean inverted) {
    static final AddressField ANY = new AddressField(false, 0, 0, false);

    /** The kernel's comparison: {@code FWINV((addr & mask) != address, invert)} must be false. */
    boolean matches(int packetAddress) {
        return ((packetAddress & mask) == address) != inverted;
    }
}
