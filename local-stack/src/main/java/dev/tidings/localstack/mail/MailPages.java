package dev.tidings.localstack.mail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of the mail catcher's pages. Every value taken from a message is escaped: mail content
 * is untrusted input, and the HTML part itself is only ever shown inside a sandboxed frame.
 */
final class MailPages {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
            tr:hover td{background:#f6f8fa}
            pre{white-space:pre-wrap;background:#f6f8fa;padding:1rem;border-radius:4px}
            iframe{width:100%;height:32rem;border:1px solid #ccc;border-radius:4px}
            .muted{color:#777}
            """;

    private MailPages() {
    }

    static String inbox(List<CapturedMail> messages) {
        StringBuilder rows = new StringBuilder();
        for (int i = messages.size() - 1; i >= 0; i--) {
            CapturedMail mail = messages.get(i);
            rows.append("<tr><td>").append(mail.index())
                    .append("</td><td>").append(escape(date(mail)))
                    .append("</td><td>").append(escape(mail.from()))
                    .append("</td><td>").append(escape(String.join(", ", mail.to())))
                    .append("</td><td><a href=\"/messages/").append(mail.index()).append("\">")
                    .append(escape(mail.subject().isBlank() ? "(no subject)" : mail.subject()))
                    .append("</a></td></tr>\n");
        }
        String table = messages.isEmpty()
                ? "<p class=\"muted\">No mail yet. Every message sent to the stack's SMTP server shows up here.</p>"
                : "<table><thead><tr><th>#</th><th>Date</th><th>From</th><th>To</th><th>Subject</th></tr></thead>"
                        + "<tbody>\n" + rows + "</tbody></table>";
        return page("Caught mail (" + messages.size() + ")", "<meta http-equiv=\"refresh\" content=\"10\">",
                "<h1>Caught mail</h1><p class=\"muted\">" + messages.size()
                        + " message(s), newest first; this page reloads every 10 s.</p>" + table);
    }

    static String message(CapturedMail mail) {
        StringBuilder body = new StringBuilder("<p><a href=\"/\">&larr; all mail</a></p>");
        body.append("<h1>").append(escape(mail.subject())).append("</h1>");
        body.append("<table>")
                .append(row("From", mail.from()))
                .append(row("To", String.join(", ", mail.to())))
                .append(row("Date", date(mail)))
                .append(row("Content-Type", mail.contentType()))
                .append("</table>");
        body.append("<h2>HTML part</h2>");
        if (mail.html().isPresent()) {
            // Both the sandbox attribute and the frame's own CSP header: scripts, forms and
            // same-origin access stay off even if the frame is opened on its own.
            body.append("<iframe sandbox title=\"HTML part\" src=\"/messages/").append(mail.index())
                    .append("/html\"></iframe>");
        }
        else {
            body.append("<p class=\"muted\">none</p>");
        }
        body.append("<h2>Text part</h2>").append(mail.text()
                .map(text -> "<pre>" + escape(text) + "</pre>").orElse("<p class=\"muted\">none</p>"));
        body.append("<h2>Headers</h2><pre>");
        mail.headers().forEach(header -> body.append(escape(header.name())).append(": ")
                .append(escape(header.value())).append('\n'));
        body.append("</pre>");
        return page(mail.subject(), "", body.toString());
    }

    static String notFound(String what) {
        return page("Not found", "", "<p><a href=\"/\">&larr; all mail</a></p><h1>Not found</h1><p>"
                + escape(what) + "</p>");
    }

    private static String row(String name, String value) {
        return "<tr><th>" + name + "</th><td>" + escape(value) + "</td></tr>";
    }

    private static String date(CapturedMail mail) {
        return mail.sentAt() == null ? "" : DATE.format(mail.sentAt());
    }

    private static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " – Tidings mail catcher</title>" + head + "<style>" + STYLE + "</style></head><body>" + body
                + "</body></html>\n";
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
