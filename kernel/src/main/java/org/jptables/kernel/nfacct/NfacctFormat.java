package org.jptables.kernel.nfacct;

import java.util.List;

/**
 * The three listings of nfacct 1.0.2 (libnetfilter_acct's nfacct_snprintf): plain, one
 * {@code { pkts = ..., bytes = ... } = NAME;} line per object, the counters zero-padded to 20
 * digits; XML, which leaves the quota out; JSON, stamped with the time of the listing. An empty
 * table prints nothing at all, not even XML's or JSON's frame.
 */
enum NfacctFormat {
    PLAIN, XML, JSON;

    void print(List<AcctObject> objects, long epochSeconds, StringBuilder out) {
        if (objects.isEmpty()) {
            return;
        }
        switch (this) {
            case PLAIN -> objects.forEach(o -> plain(o, out));
            case XML -> {
                out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<nfacct>\n");
                objects.forEach(o -> out.append("<obj><name>").append(o.name()).append("</name><pkts>")
                        .append(padded(o.packets())).append("</pkts><bytes>").append(padded(o.bytes()))
                        .append("</bytes></obj>\n"));
                out.append("</nfacct>\n");
            }
            case JSON -> {
                out.append("{ \"timestamp\" : ").append(epochSeconds).append(", \n  \"nfacct_counters\" : [\n");
                for (int i = 0; i < objects.size(); i++) {
                    json(objects.get(i), out);
                    out.append(i + 1 < objects.size() ? ",\n" : "\n");
                }
                out.append("] }\n");
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void plain(AcctObject o, StringBuilder out) {
        out.append("{ pkts = ").append(padded(o.packets())).append(", bytes = ").append(padded(o.bytes()));
        if (o.mode() != AcctObject.QuotaMode.NONE) {
            out.append(", quota = ").append(padded(o.quota())).append(", mode = ").append(mode(o))
                    .append(", overquota = ").append(o.overquota() ? "yes" : "no");
        }
        out.append(" } = ").append(o.name()).append(";\n");
    }

    private static void json(AcctObject o, StringBuilder out) {
        out.append("  { \"pkts\" : ").append(Long.toUnsignedString(o.packets())).append(", \"bytes\" : ")
                .append(Long.toUnsignedString(o.bytes()));
        if (o.mode() != AcctObject.QuotaMode.NONE) {
            // "=" where ":" belongs: libnetfilter_acct's own JSON, kept as it is
            out.append(", \"quota\" : ").append(Long.toUnsignedString(o.quota())).append(", \"mode\" = \"")
                    .append(mode(o)).append("\", \"overquota\" = ").append(o.overquota() ? 1 : 0);
        }
        out.append(", \"name\" : \"").append(o.name()).append("\" }");
    }

    private static String mode(AcctObject o) {
        return o.mode() == AcctObject.QuotaMode.PACKETS ? "packet" : "byte";
    }

    /** %.20llu. */
    private static String padded(long value) {
        String digits = Long.toUnsignedString(value);
        return "0".repeat(20 - digits.length()) + digits;
    }
}
