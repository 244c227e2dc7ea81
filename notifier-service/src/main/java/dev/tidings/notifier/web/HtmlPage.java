package dev.tidings.notifier.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * A small, self-contained HTML page of the subscription flow. {@code bodyHtml} is trusted markup:
 * callers escape every user-provided value with {@link #escape(String)}.
 */
public record HtmlPage(String title, String bodyHtml) {

    /** {@code text} escaped for HTML text and attribute values. */
    public static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }

    /** A page with one paragraph of plain text. */
    public static HtmlPage message(String title, String text) {
        return new HtmlPage(title, "<p>" + escape(text) + "</p>");
    }

    public String html() {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s · Tidings</title>
                <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}
                label{display:block;margin:.4rem 0}button{padding:.5rem 1rem}</style>
                </head><body>
                <h1>%1$s</h1>
                %2$s
                </body></html>
                """.formatted(escape(title), bodyHtml);
    }

    /** The page as a response with {@code status}. */
    public ResponseEntity<String> respond(HttpStatusCode status) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html());
    }
}
