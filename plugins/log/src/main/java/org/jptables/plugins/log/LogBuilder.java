package org.jptables.plugins.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** Reads the LOG options; every check happens as the option is read, as in libipt_LOG. */
final class LogBuilder implements TargetBuilder {
    /** The prefix field of ipt_log_info is 30 bytes with its terminating zero. */
    static final int PREFIX_MAX_BYTES = 29;

    private int level = LogLevel.DEFAULT;
    private String prefix = "";
    private int flags;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case LogExtension.LEVEL -> level = LogLevel.parse(args.get(0));
            case LogExtension.PREFIX -> prefix = prefix(args.get(0));
            default -> flags |= LogFlag.ofOption(option).bit();
        }
    }

    /** libxtables refuses an empty string, then keeps what fits the field; LOG refuses newlines. */
    private static String prefix(String text) throws RuleException {
        if (text.isEmpty()) {
            throw new RuleException("Argument must have a minimum length of 1 characters\n");
        }
        if (text.indexOf('\n') >= 0) {
            throw new RuleException("Newlines not allowed in --log-prefix");
        }
        return truncate(text);
    }

    /**
     * The longest start of {@code text} that fits in 29 UTF-8 bytes. iptables cuts at the byte,
     * possibly inside a character; a Java string can only keep whole characters.
     */
    static String truncate(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= PREFIX_MAX_BYTES) {
            return text;
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > PREFIX_MAX_BYTES) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    @Override
    public Target build() {
        return new LogTarget(level, prefix, flags);
    }
}
