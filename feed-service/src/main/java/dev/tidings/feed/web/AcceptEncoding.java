package dev.tidings.feed.web;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 §12.5.3) for the one coding stored besides identity:
 * gzip is acceptable when listed (or {@code x-gzip}, or matched by {@code *}) with a q-value above 0.
 */
final class AcceptEncoding {

    static boolean allowsGzip(String header) {
        if (header == null || header.isEmpty()) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String element : header.split(",")) {
            int semicolon = element.indexOf(';');
            String coding = (semicolon < 0 ? element : element.substring(0, semicolon)).trim();
            double q = semicolon < 0 ? 1 : qValue(element.substring(semicolon + 1));
            if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
                gzip = Math.max(gzip, q);
            }
            else if (coding.equals("*")) {
                any = Math.max(any, q);
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    private static double qValue(String parameters) {
        for (String parameter : parameters.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.length() > 2 && (trimmed.charAt(0) == 'q' || trimmed.charAt(0) == 'Q')
                    && trimmed.charAt(1) == '=') {
                try {
                    return Double.parseDouble(trimmed.substring(2));
                }
                catch (NumberFormatException ex) {
                    // An unreadable weight refuses the coding rather than guessing.
                    return 0;
                }
            }
        }
        return 1;
    }

    private AcceptEncoding() {
    }
}
