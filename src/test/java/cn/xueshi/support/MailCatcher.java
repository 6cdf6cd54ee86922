package cn.xueshi.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * An embedded SMTP server (GreenMail, a fresh one for each test) that the application's mail sender points at for
 * the test, and back afterwards: the context is shared, so other tests must not find it sending to a stopped
 * server. Register it as {@code @RegisterExtension static MailCatcher smtp = new MailCatcher();}.
 */
public class MailCatcher extends GreenMailExtension {

    private String host;
    private int port;

    public MailCatcher() {
        super(ServerSetupTest.SMTP.dynamicPort());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        JavaMailSenderImpl sender = sender(context);
        host = sender.getHost();
        port = sender.getPort();
        sender.setHost("127.0.0.1");
        sender.setPort(getSmtp().getPort());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        JavaMailSenderImpl sender = sender(context);
        sender.setHost(host);
        sender.setPort(port);
        super.afterEach(context);
    }

    private static JavaMailSenderImpl sender(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context).getBean(JavaMailSenderImpl.class);
    }
}
