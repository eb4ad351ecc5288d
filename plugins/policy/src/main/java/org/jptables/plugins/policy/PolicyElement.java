package org.jptables.plugins.policy;

/**
 * One element of an IPsec policy as xt_policy_elem describes it: each field is compared only when
 * given ({@code match} bits), and each comparison may be inverted ({@code invert} bits).
 *
 * @param match     {@link #REQID}, {@link #SPI}, {@link #PROTO}, {@link #MODE}, {@link #DADDR}, {@link #SADDR} given
 * @param invert    the same bits, for those given with {@code !}
 * @param reqid     the policy's reqid, 0..2^32-1
 * @param spi       the SA's SPI, 0..2^32-1
 * @param proto     50 (esp), 51 (ah) or 108 (ipcomp)
 * @param protoName the protocol's name in /etc/protocols when the rule was made, or null
 * @param tunnel    whether {@code --mode tunnel} (else transport, XT_POLICY_MODE_TRANSPORT 0)
 * @param source    the tunnel's source, or null
 * @param target    the tunnel's destination, or null
 */
record PolicyElement(int match, int invert, long reqid, long spi, int proto, String protoName, boolean tunnel,
                     TunnelAddress source, TunnelAddress target) {
    static final int REQID = 1;
    static final int SPI = 2;
    static final int PROTO = 4;
    static final int MODE = 8;
    static final int DADDR = 16;
    static final int SADDR = 32;

    /** print_entry: reqid, spi, proto, mode, tunnel-dst, tunnel-src; {@code prefix} "" or "--". */
    void append(StringBuilder out, String prefix, boolean numeric) {
        if (head(out, REQID)) {
            out.append(' ').append(prefix).append("reqid ").append(reqid);
        }
        if (head(out, SPI)) {
            out.append(' ').append(prefix).append("spi 0x").append(Long.toHexString(spi));
        }
        if (head(out, PROTO)) {
            out.append(' ').append(prefix).append("proto ");
            out.append(!numeric && protoName != null ? protoName : Integer.toString(proto));
        }
        if (head(out, MODE)) {
            out.append(' ').append(prefix).append("mode ").append(tunnel ? "tunnel" : "transport");
        }
        if (head(out, DADDR)) {
            out.append(' ').append(prefix).append("tunnel-dst ");
            target.append(out);
        }
        if (head(out, SADDR)) {
            out.append(' ').append(prefix).append("tunnel-src ");
            source.append(out);
        }
    }

    private boolean head(StringBuilder out, int field) {
        if ((match & field) == 0) {
            return false;
        }
        if ((invert & field) != 0) {
            out.append(" !");
        }
        return true;
    }
}
