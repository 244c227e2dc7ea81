package dev.tidings.notifier;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the parts of a received email, as a mail client would show them. */
public record MailText(String contentType, String text) {

    /** Every leaf part of {@code part}, depth first. */
    public static List<MailText> parts(Part part) {
        try {
            List<MailText> parts = new ArrayList<>();
            if (part.getContent() instanceof MimeMultipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    parts.addAll(parts(child));
                }
            }
            else {
                parts.add(new MailText(part.getContentType(), String.valueOf(part.getContent())));
            }
            return parts;
        }
        catch (MessagingException | IOException ex) {
            throw new IllegalStateException("unreadable email", ex);
        }
    }

    /** All text of all parts of {@code part}, joined. */
    public static String of(Part part) {
        return String.join("\n", parts(part).stream().map(MailText::text).toList());
    }
}
