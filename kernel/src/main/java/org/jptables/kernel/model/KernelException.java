package org.jptables.kernel.model;

/**
 * A change the kernel refuses, with libiptc's words ({@code "No chain/target/match by that name."}),
 * which the command line prints after {@code "iptables: "}, exiting with status 1.
 */
public class KernelException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final String NO_SUCH_CHAIN = "No chain/target/match by that name.";
    public static final String CHAIN_EXISTS = "Chain already exists.";
    public static final String BAD_RULE = "Bad rule (does a matching rule exist in that chain?).";
    public static final String IN_USE = "Too many links.";
    public static final String NOT_EMPTY = "Directory not empty.";
    public static final String LOOP = "Too many levels of symbolic links.";
    public static final String INVALID = "Invalid argument. Run `dmesg' for more information.";
    public static final String BUILTIN_POLICY = "Bad built-in chain name.";
    public static final String BAD_POLICY = "Bad policy name. Run `dmesg' for more information.";
    public static final String FILE_EXISTS = "File exists.";
    public static final String DELETE_INDEX = "Index of deletion too big.";
    public static final String INSERT_INDEX = "Index of insertion too big.";
    public static final String REPLACE_INDEX = "Index of replacement too big.";
    public static final String BUILTIN_CHAIN = INVALID;
    public static final String INVALID_BUILTIN_RENAME = NO_SUCH_CHAIN;

    public KernelException(String message) {
        super(message);
    }
}
