package org.jptables.ipset;

/**
 * ipset_parse_elem: an element split into the type's parts at its commas, each part given to the
 * part's reader, with libipset's messages for too few or too many parts.
 */
final class Elements {
    private Elements() {
    }

    static boolean parse(Session s, TypeDef type, String text) {
        Report r = s.report;
        int dim = type.dimension();
        String first = text;
        String second = null;
        String third = null;
        int a = AddressParsers.separator(text, ",");
        if (dim > 1) {
            if (a >= 0) {
                first = text.substring(0, a);
                second = text.substring(a + 1);
            } else {
                return r.syntax("Second element is missing from " + text + ".");
            }
        } else if (a >= 0) {
            if (type.compat != null) {
                return type.compat.parse(s, type.parts.get(0).opt(), text);
            }
            return r.syntax("Elem separator in " + text + ", but settype " + type.name + " supports none.");
        }
        int b = second == null ? -1 : AddressParsers.separator(second, ",");
        if (dim > 2) {
            if (b >= 0) {
                third = second.substring(b + 1);
                second = second.substring(0, b);
            } else {
                return r.syntax("Third element is missing from " + text + ".");
            }
        } else if (b >= 0) {
            return r.syntax("Two elem separators in " + text + ", but settype " + type.name + " supports one.");
        }
        int c = third == null ? -1 : AddressParsers.separator(third, ",");
        if (c >= 0) {
            return r.syntax("Four elem separators in " + text + ", but settype " + type.name + " supports three.");
        }
        if (!part(s, type, 0, first)) {
            return false;
        }
        if (second != null && !part(s, type, 1, second)) {
            return false;
        }
        return third == null || part(s, type, 2, third);
    }

    private static boolean part(Session s, TypeDef type, int i, String text) {
        TypeDef.Part p = type.parts.get(i);
        return p.parser().parse(s, p.opt(), text);
    }

    /** ipset_print_elem: the element's parts printed and joined by commas. */
    static String print(Data d, TypeDef type, org.jptables.api.Names names, boolean resolve) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < type.dimension(); i++) {
            TypeDef.Part p = type.parts.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append(p.printer().print(d, p.opt(), names, resolve));
        }
        return out.toString();
    }
}
