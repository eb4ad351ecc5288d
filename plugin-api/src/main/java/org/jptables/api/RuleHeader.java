package org.jptables.api;

/**
 * The fixed part of a rule, iptables' {@code struct ipt_ip}: protocol, addresses, interfaces and
 * the fragment flag. Matches of implicit extensions (those whose options are {@code -p},
 * {@code -s}, {@code -d}, {@code -i}, {@code -o}, {@code -f}) describe themselves here; the kernel
 * turns the description into the columns of {@code -L} and the leading options of {@code -S},
 * in the order and layout iptables has.
 */
public interface RuleHeader {
    /** {@code [!] -p number}. */
    void protocol(int number, boolean inverted);

    /** {@code [!] -s address/mask} (address and mask as ints, network byte order read big-endian). */
    void source(int address, int mask, boolean inverted);

    /** {@code [!] -d address/mask}. */
    void destination(int address, int mask, boolean inverted);

    /** {@code [!] -i name}, with a trailing {@code +} for a wildcard. */
    void inInterface(String name, boolean inverted);

    /** {@code [!] -o name}, with a trailing {@code +} for a wildcard. */
    void outInterface(String name, boolean inverted);

    /** {@code [!] -f}. */
    void fragment(boolean inverted);
}
