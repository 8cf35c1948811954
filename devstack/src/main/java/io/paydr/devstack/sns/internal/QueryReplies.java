package io.paydr.devstack.sns.internal;

/** Renders complete Query protocol documents in the SNS namespace, success and error alike. */
public final class QueryReplies {

    public static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    private QueryReplies() {
    }

    /** {@code <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…}; no Result element when empty. */
    public static String success(String action, Xml result, String requestId) {
        StringBuilder out = new StringBuilder(256);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        if (!result.isEmpty()) {
            out.append('<').append(action).append("Result>").append(result).append("</").append(action).append("Result>");
        }
        out.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
        out.append("</").append(action).append("Response>");
        return out.toString();
    }

    public static String error(SnsError error, String requestId) {
        Xml body = new Xml().open("Error")
                .leaf("Type", error.senderFault() ? "Sender" : "Receiver")
                .leaf("Code", error.code())
                .leaf("Message", error.getMessage())
                .close("Error")
                .leaf("RequestId", requestId);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"" + NAMESPACE + "\">" + body
                + "</ErrorResponse>";
    }
}
