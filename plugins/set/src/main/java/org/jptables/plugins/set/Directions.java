package org.jptables.plugins.set;

import org.jptables.api.RuleException;
import org.jptables.api.SetLookup;

/**
 * The {@code src,dst,...} flags of a set option (libxt_set.h's parse_dirs): one direction per
 * dimension of the element, at most six; a word counts as src or dst by its first three letters.
 */
final class Directions {
    private Directions() {
    }

    /** The lookup of {@code text}'s directions: dimension and source bits. */
    static SetLookup parse(String text) throws RuleException {
        int dim = 0;
        int sources = 0;
        int from = 0;
        boolean more = true;
        while (dim < SetLookup.MAX_DIMENSION && more) {
            int comma = text.indexOf(',', from);
            String word = comma < 0 ? text.substring(from) : text.substring(from, comma);
            more = comma >= 0;
            from = comma + 1;
            if (word.startsWith("src")) {
                sources |= 1 << dim;
            } else if (!word.startsWith("dst")) {
                throw new RuleException("You must spefify (the comma separated list of) 'src' or 'dst'.");
            }
            dim++;
        }
        if (more) {
            throw new RuleException("Can't be more src/dst options than " + SetLookup.MAX_DIMENSION + ".");
        }
        return SetLookup.of(dim, sources);
    }

    /** The flags as iptables prints them: {@code " src,dst"}. */
    static void print(StringBuilder out, SetLookup lookup) {
        for (int i = 0; i < lookup.dimension(); i++) {
            out.append(i == 0 ? ' ' : ',').append(lookup.source(i) ? "src" : "dst");
        }
    }
}
