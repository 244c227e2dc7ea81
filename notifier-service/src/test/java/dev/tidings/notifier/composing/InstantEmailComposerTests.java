package dev.tidings.notifier.composing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.MailText;
import dev.tidings.notifier.TestSettings;
import dev.tidings.notifier.TestTemplates;
import dev.tidings.notifier.articles.StoredArticle;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class InstantEmailComposerTests {

    private static final String UNSUBSCRIBE = "https://news.example/unsubscribe?token=abc";

    private static final String PREFERENCES = "https://news.example/preferences?token=abc";

    private final InstantEmailComposer composer = new InstantEmailComposer(
            new NewsletterEnvelope(TestSettings.notifier(ZoneOffset.UTC)),
            new EmailTemplates(TestTemplates.engine(), TestSettings.notifier(ZoneOffset.UTC)));

    @Test
    void theSubjectIsTheTitleOnOneLine() throws Exception {
        MimeMessage message = compose("Gut news\r\nBcc: everyone@example.test\u0000\u2028 today", "<p>x</p>");

        assertThat(message.getSubject()).isEqualTo("Gut news Bcc: everyone@example.test today");
        assertThat(message.getHeader("Bcc")).isNull();
    }

    @Test
    void itIsMultipartAlternativeWithTextAndHtml() throws Exception {
        MimeMessage message = compose("Title", "<p>First <strong>para</strong>.</p><ul><li>one</li><li>two</li></ul>");

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        List<MailText> parts = MailText.parts(message);
        assertThat(parts).extracting(MailText::contentType).satisfiesExactly(
                type -> assertThat(type).startsWith("text/plain; charset=UTF-8"),
                type -> assertThat(type).startsWith("text/html; charset=UTF-8"));
        // CRLF on the wire; a mail client shows lines.
        assertThat(parts.get(0).text().replace("\r\n", "\n")).contains("Title").contains("The summary & more")
                .contains("First para.").contains("- one\n- two").doesNotContain("<")
                .contains("Read on the site: https://health.example/articles/title").contains(UNSUBSCRIBE);
        Document html = Jsoup.parse(parts.get(1).text());
        assertThat(html.selectFirst("h1").text()).isEqualTo("Title");
        assertThat(html.text()).contains("The summary & more").contains("Gut \"and\" skin");
        assertThat(html.select("strong").eachText()).contains("para");
        assertThat(html.selectFirst("a:containsOwn(Read on the site)").attr("href"))
                .isEqualTo("https://health.example/articles/title");
        assertThat(html.selectFirst("a:containsOwn(Unsubscribe)").attr("href")).isEqualTo(UNSUBSCRIBE);
        assertThat(html.selectFirst("a:containsOwn(Choose your topics)").attr("href")).isEqualTo(PREFERENCES);
    }

    @Test
    void itCarriesTheOneClickUnsubscribeHeaders() throws Exception {
        MimeMessage message = compose("Title", "<p>x</p>");

        assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<" + UNSUBSCRIBE + ">");
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("Precedence")).containsExactly("bulk");
        assertThat(message.getHeader("List-Id"))
                .containsExactly("\"Gut \\\"and\\\" skin\" <gut-skin.topics.health.example>");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Tidings <newsletter@health.example>");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("reader@example.test");
    }

    @Test
    void scriptsAndHandlersNeverReachTheHtml() throws Exception {
        MimeMessage message = compose("<script>alert('title')</script>",
                "<p onclick=\"steal()\">Hi</p><script>alert(1)</script><a href=\"javascript:steal()\">x</a>"
                        + "<iframe src=\"https://evil.example\"></iframe>");

        String html = MailText.parts(message).get(1).text();
        assertThat(html).doesNotContain("<script").doesNotContain("onclick").doesNotContain("javascript:")
                .doesNotContain("<iframe").contains("&lt;script&gt;");
        assertThat(Jsoup.parse(html).select("p").eachText()).contains("Hi");
        assertThat(Jsoup.parse(html).selectFirst("h1").text()).isEqualTo("<script>alert('title')</script>");
    }

    @Test
    void thePlainTextKeepsEveryLinkTarget() throws Exception {
        MimeMessage message = compose("Title", "<p>See <a href=\"https://www.cochranelibrary.com/x\">Cochrane</a> and "
                + "<a href=\"https://health.example/y\">https://health.example/y</a>.</p>");

        assertThat(MailText.parts(message).get(0).text()).contains("See Cochrane (https://www.cochranelibrary.com/x) "
                + "and https://health.example/y.");
    }

    @Test
    void anAsciiArticleGoesOut7bitAndAnyOtherQuotedPrintable() throws Exception {
        MimeMultipart plain = (MimeMultipart) compose("Plain title", "<p>plain</p>").getContent();
        assertThat(((MimeBodyPart) plain.getBodyPart(0)).getEncoding()).isEqualTo("7bit");
        assertThat(((MimeBodyPart) plain.getBodyPart(1)).getEncoding()).isEqualTo("7bit");

        MimeMessage accented = compose("Ekzem \u2013 \u00dcberblick", "<p>Hautbarriere \u00fcnd Mikrobiom</p>");
        MimeMultipart parts = (MimeMultipart) accented.getContent();
        assertThat(((MimeBodyPart) parts.getBodyPart(1)).getEncoding()).isEqualTo("quoted-printable");
        assertThat(MailText.parts(accented).get(1).text()).contains("Hautbarriere \u00fcnd Mikrobiom");
        // The personal links, encoded into the prepared parts, read back whole.
        assertThat(Jsoup.parse(MailText.parts(accented).get(1).text()).selectFirst("a:containsOwn(Unsubscribe)")
                .attr("href")).isEqualTo(UNSUBSCRIBE);
        assertThat(MailText.parts(accented).get(0).text()).contains("Unsubscribe: " + UNSUBSCRIBE)
                .contains("Choose your topics: " + PREFERENCES);
    }

    @Test
    void eachEmailGetsItsOwnLinksFromOneRendering() throws Exception {
        RenderedArticle article = composer.render(new StoredArticle(UUID.randomUUID(), 1, "Shared", "",
                "<p>Body</p>", "https://health.example/articles/shared", false, "gut-skin", "Gut"));
        for (String reader : List.of("ada", "bob")) {
            MimeMessage message = parse(composer.compose(article, new Recipient(reader + "@example.test",
                    "https://news.example/unsubscribe?token=" + reader + "&x=<1>",
                    "https://news.example/preferences?token=" + reader)));

            String html = MailText.parts(message).get(1).text();
            Document document = Jsoup.parse(html);
            assertThat(document.selectFirst("a:containsOwn(Unsubscribe)").attr("href"))
                    .isEqualTo("https://news.example/unsubscribe?token=" + reader + "&x=<1>");
            assertThat(html).contains("token=" + reader + "&amp;x=&lt;1&gt;").doesNotContain("urn:x-tidings-link");
            assertThat(document.selectFirst("a:containsOwn(Choose your topics)").attr("href"))
                    .isEqualTo("https://news.example/preferences?token=" + reader);
        }
    }

    @Test
    void theMessageIdNamesTheSendingDomain() throws Exception {
        MimeMessage message = new NewsletterEnvelope(TestSettings.notifier(ZoneOffset.UTC))
                .newMessage(Session.getInstance(new Properties()));
        message.setText("x");
        message.saveChanges();

        assertThat(message.getMessageID()).matches("<[0-9a-f-]{36}@health\\.example>");
    }

    private MimeMessage compose(String title, String bodyHtml) throws Exception {
        RenderedArticle article = composer.render(new StoredArticle(UUID.randomUUID(), 1, title,
                "The summary & more", bodyHtml, "https://health.example/articles/title", false, "gut-skin",
                "Gut \"and\" skin"));
        return parse(composer.compose(article, new Recipient("reader@example.test", UNSUBSCRIBE, PREFERENCES)));
    }

    /** The email as a mail client reads it: its bytes parsed by Jakarta Mail. */
    static MimeMessage parse(OutgoingEmail email) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(email.content()));
    }
}
