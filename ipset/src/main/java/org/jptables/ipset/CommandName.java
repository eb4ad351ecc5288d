package org.jptables.ipset;

/**
 * The commands of ipset (libipset's ipset_commands[], in its order, which is the order a word is
 * tried against them): each with its spellings (a prefix of the first two, or the letter form),
 * the arguments it takes and its help.
 */
enum CommandName {
    CREATE(Args.TWO, "SETNAME TYPENAME [type-specific-options]\n        Create a new set", "create", "new", "-N"),
    ADD(Args.TWO, "SETNAME ENTRY\n        Add entry to the named set", "add", "-A"),
    DEL(Args.TWO, "SETNAME ENTRY\n        Delete entry from the named set", "del", "-D"),
    TEST(Args.TWO, "SETNAME ENTRY\n        Test entry in the named set", "test", "-T"),
    DESTROY(Args.OPTIONAL, "[SETNAME]\n        Destroy a named set or all sets", "destroy", "x", "-X"),
    LIST(Args.OPTIONAL, "[SETNAME]\n        List the entries of a named set or all sets", "list", "-L"),
    SAVE(Args.OPTIONAL, "[SETNAME]\n        Save the named set or all sets to stdout", "save", "-S"),
    RESTORE(Args.NONE, "\n        Restore a saved state", "restore", "-R"),
    FLUSH(Args.OPTIONAL, "[SETNAME]\n        Flush a named set or all sets", "flush", "-F"),
    RENAME(Args.TWO, "FROM-SETNAME TO-SETNAME\n        Rename two sets", "rename", "e", "-E"),
    SWAP(Args.TWO, "FROM-SETNAME TO-SETNAME\n        Swap the contect of two existing sets", "swap", "w", "-W"),
    HELP(Args.OPTIONAL, "[TYPENAME]\n        Print help, and settype specific help", "help", "-h", "-H"),
    VERSION(Args.NONE, "\n        Print version information", "version", "-v", "-V"),
    QUIT(Args.NONE, "\n        Quit interactive mode", "quit");

    /** How many words a command takes. */
    enum Args { NONE, OPTIONAL, TWO }

    final Args args;
    final String help;
    final String[] names;

    CommandName(Args args, String help, String... names) {
        this.args = args;
        this.help = help;
        this.names = names;
    }

    /** ipset_match_cmd: a prefix of one of the names, two leading dashes ignored; "-" alone is none. */
    boolean matches(String arg) {
        int skip = arg.startsWith("--") ? 2 : 0;
        int len = arg.length();
        if (len <= skip || (len == 1 && arg.charAt(0) == '-')) {
            return false;
        }
        String word = arg.substring(skip);
        for (String n : names) {
            if (n.startsWith(word)) {
                return true;
            }
        }
        return false;
    }
}
