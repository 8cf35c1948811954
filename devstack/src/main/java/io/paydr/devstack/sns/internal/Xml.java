package io.paydr.devstack.sns.internal;

/** A minimal XML writer for Query protocol replies: nested elements and escaped text, nothing more. */
public final class Xml {

    private final StringBuilder out = new StringBuilder();

    public Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** Writes {@code <name>value</name>}; writes nothing when value is null (absent optional fields). */
    public Xml leaf(String name, Object value) {
        if (value != null) {
            open(name);
            escape(String.valueOf(value), out);
            close(name);
        }
        return this;
    }

    /** Appends elements written separately, e.g. the Successful and Failed lists of a batch built side by side. */
    public Xml append(Xml elements) {
        out.append(elements.out);
        return this;
    }

    public boolean isEmpty() {
        return out.length() == 0;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static void escape(String text, StringBuilder into) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> into.append("&lt;");
                case '>' -> into.append("&gt;");
                case '&' -> into.append("&amp;");
                case '"' -> into.append("&quot;");
                case '\'' -> into.append("&apos;");
                case '\r' -> into.append("&#13;");
                default -> into.append(c);
            }
        }
    }
}
