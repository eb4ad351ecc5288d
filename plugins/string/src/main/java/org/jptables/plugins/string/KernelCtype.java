package org.jptables.plugins.string;

/**
 * The kernel's toupper and tolower (lib/ctype.c): ISO 8859-1, not ASCII alone. 0xC0-0xDE but
 * 0xD7 are upper case, 0xDF-0xFF but 0xF7 lower case, so toupper(0xDF) is 0xBF and
 * toupper(0xFF) is 0xDF, as the kernel's table has them.
 */
final class KernelCtype {
    private KernelCtype() {
    }

    static boolean isLower(int c) {
        return c >= 'a' && c <= 'z' || c >= 0xDF && c != 0xF7;
    }

    static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z' || c >= 0xC0 && c <= 0xDE && c != 0xD7;
    }

    static int toUpper(int c) {
        return isLower(c) ? c - 0x20 : c;
    }

    static int toLower(int c) {
        return isUpper(c) ? c + 0x20 : c;
    }
}
