package dev.tidings.localstack.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class MailCatcherTests {

    private static MailCatcher catcher;

    private static MockMvc pages;

    @BeforeAll
    static void catchOneHostileNewsletter() throws Exception {
        catcher = MailCatcher.start(0);
        pages = MockMvcBuilders.standaloneSetup(new MailCatcherController(catcher)).build();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "localhost");
        smtp.put("mail.smtp.port", String.valueOf(catcher.smtpPort()));
        Session session = Session.getInstance(smtp);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("newsletter@health.example", "Tidings"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@example.com"));
        message.setSubject("Gut <script>alert(1)</script> & skin", "UTF-8");
        message.setHeader("List-Unsubscribe", "<http://localhost:8083/unsubscribe?token=u1>");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Plain <b>words</b>", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<h1>News</h1><script>alert(2)</script>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message);
    }

    @AfterAll
    static void stop() {
        catcher.close();
    }

    @Test
    void decodesTheMessageItCaught() {
        assertThat(catcher.messages()).singleElement().satisfies(mail -> {
            assertThat(mail.from()).isEqualTo("Tidings <newsletter@health.example>");
            assertThat(mail.to()).containsExactly("reader@example.com");
            assertThat(mail.subject()).isEqualTo("Gut <script>alert(1)</script> & skin");
            assertThat(mail.contentType()).startsWith("multipart/alternative");
            assertThat(mail.text()).hasValueSatisfying(text -> assertThat(text).contains("Plain <b>words</b>"));
            assertThat(mail.html()).hasValueSatisfying(html -> assertThat(html).contains("<h1>News</h1>"));
            assertThat(mail.header("list-unsubscribe-post")).hasValue("List-Unsubscribe=One-Click");
            assertThat(mail.sentAt()).isNotNull();
        });
        assertThat(catcher.messagesTo("READER@example.com")).hasSize(1);
    }

    @Test
    void listsMessagesWithEverythingEscaped() throws Exception {
        pages.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Gut &lt;script&gt;alert(1)&lt;/script&gt; &amp; skin")))
                .andExpect(content().string(containsString("href=\"/messages/0\"")))
                .andExpect(content().string(not(containsString("<script>"))));
    }

    @Test
    void showsTextHeadersAndTheHtmlPartOnlyInASandbox() throws Exception {
        pages.perform(get("/messages/0"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<iframe sandbox")))
                .andExpect(content().string(containsString("Plain &lt;b&gt;words&lt;/b&gt;")))
                .andExpect(content().string(containsString("List-Unsubscribe: &lt;http://localhost:8083/unsubscribe?token=u1&gt;")))
                .andExpect(content().string(not(containsString("<script>"))));
        pages.perform(get("/messages/0/html"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("sandbox")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(content().string(containsString("<h1>News</h1>")));
    }

    @Test
    void answersUnknownMessagesWith404() throws Exception {
        pages.perform(get("/messages/1")).andExpect(status().isNotFound());
        pages.perform(get("/messages/-1/html")).andExpect(status().isNotFound());
    }

    @Test
    void offersTheInboxAsJson() throws Exception {
        pages.perform(get("/api/messages"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].subject").value("Gut <script>alert(1)</script> & skin"))
                .andExpect(jsonPath("$[0].to[0]").value("reader@example.com"));
    }
}
