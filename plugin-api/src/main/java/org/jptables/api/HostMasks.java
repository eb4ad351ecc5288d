package org.jptables.api;

/**
 * libxtables 1.8.9's XTTYPE_HOSTMASK, an {@code address[/mask]} argument: the address as
 * getaddrinfo reads it (inet_aton forms, then host names), the mask as a prefix length 0-32 or a
 * dotted mask. A dotted mask that is no prefix (and a number above 32, which getaddrinfo reads as
 * an address) becomes /32, as in 1.8.9 (fixed in later versions). The address is kept as given,
 * not masked. conntrack's --ctorigsrc and the like, policy's --tunnel-src/dst and NETMAP's --to
 * are read this way.
 */
public final class HostMasks {
    private HostMasks() {
    }

    /**
     * The address and the mask ({@code {address, mask}}; the mask -1 when none is given).
     *
     * @param extension the extension's name, which starts the message ({@code "conntrack"})
     * @param option    the option as the message names it
     */
    public static int[] parse(String extension, String option, String arg, Names names) throws RuleException {
        int slash = arg.indexOf('/');
        int address = InetAton.resolve(slash < 0 ? arg : arg.substring(0, slash), names);
        int mask = -1;
        if (slash >= 0) {
            String text = arg.substring(slash + 1);
            long prefix = Numbers.parse(text, 0, 32);
            if (prefix >= 0 && !text.startsWith("-") && !text.startsWith("+")) {
                mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            } else {
                long dotted = InetAton.parse(text);
                if (dotted < 0) {
                    throw new RuleException(extension + ": bad value for option \"" + option
                            + "\", neither a valid network mask nor valid CIDR (0-32).\n");
                }
                int m = (int) dotted;
                mask = m == 0 || (~m & (~m + 1)) == 0 ? m : -1;
            }
        }
        return new int[] {address, mask};
    }
}
