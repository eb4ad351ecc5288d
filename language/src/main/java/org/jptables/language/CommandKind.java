package org.jptables.language;

/** The commands of iptables, as bits so that {@code -L -Z} can combine as it does there. */
public enum CommandKind {
    INSERT('I'), DELETE('D'), DELETE_NUM('D'), REPLACE('R'), APPEND('A'), LIST('L'), FLUSH('F'), ZERO('Z'),
    NEW_CHAIN('N'), DELETE_CHAIN('X'), SET_POLICY('P'), RENAME_CHAIN('E'), LIST_RULES('S'), ZERO_NUM('Z'),
    CHECK('C');

    private final char letter;

    CommandKind(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    public int bit() {
        return 1 << ordinal();
    }
}
