package org.jptables.plugins.log;

import org.jptables.api.Effects;

/** The flag options of LOG, in the order iptables lists and saves them, with their kernel bits. */
enum LogFlag {
    TCP_SEQUENCE("--log-tcp-sequence", "tcp-sequence", Effects.LOG_TCP_SEQUENCE),
    TCP_OPTIONS("--log-tcp-options", "tcp-options", Effects.LOG_TCP_OPTIONS),
    IP_OPTIONS("--log-ip-options", "ip-options", Effects.LOG_IP_OPTIONS),
    UID("--log-uid", "uid", Effects.LOG_UID),
    MAC_DECODE("--log-macdecode", "macdecode", Effects.LOG_MAC_DECODE);

    private final String option;
    private final String word;
    private final int bit;

    LogFlag(String option, String word, int bit) {
        this.option = option;
        this.word = word;
        this.bit = bit;
    }

    String option() {
        return option;
    }

    /** The word of {@code -L} without {@code -n}. */
    String word() {
        return word;
    }

    int bit() {
        return bit;
    }

    static LogFlag ofOption(String option) {
        for (LogFlag f : values()) {
            if (f.option.equals(option)) {
                return f;
            }
        }
        throw new IllegalArgumentException(option);
    }
}
