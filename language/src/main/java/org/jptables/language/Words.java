package org.jptables.language;

import java.util.List;

/**
 * The words of one command line and the index of the next one to read, getopt's optind: options
 * and the arguments they take are read off the same list in the same pass.
 */
final class Words {
    private final List<String> args;
    private int next;

    Words(List<String> args) {
        this.args = args;
    }

    boolean hasMore() {
        return next < args.size();
    }

    /** The next word, read. */
    String take() {
        return args.get(next++);
    }

    /** The word before the one read last (getopt's argv[optind - 2]), null when there is none. */
    String previous() {
        return next >= 2 ? args.get(next - 2) : null;
    }

    /** The next word, left to read. */
    String peek() {
        return args.get(next);
    }

    /**
     * Whether the next word is an argument rather than an option: how iptables decides that a
     * command's optional chain, rule number or second word is there.
     */
    boolean argumentFollows() {
        if (next >= args.size()) {
            return false;
        }
        String w = args.get(next);
        return !w.startsWith("-") && !w.startsWith("!");
    }

    /** -h and -V end the reading: iptables acts on them at once. */
    void skipRest() {
        next = args.size();
    }
}
