package cn.xueshi.notification;

import java.util.Collection;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Reminders by mail (Spring Mail over the SMTP server of {@code spring.mail.*}) to the address a person has in the
 * directory (Camunda's user e-mail). Off unless {@code xueshi.mail.enabled}. The in-app notification is always
 * written first and is the record: a person without an address, or a mail server that is down, costs only the mail
 * (logged), never the reminder run.
 */
@Service
public class MailReminders {

    private static final Logger LOG = LoggerFactory.getLogger(MailReminders.class);

    private final JavaMailSender sender;
    private final IdentityService identity;
    private final boolean enabled;
    private final String from;

    MailReminders(JavaMailSender sender, IdentityService identity, @Value("${xueshi.mail.enabled:false}") boolean enabled,
            @Value("${xueshi.mail.from}") String from) {
        this.sender = sender;
        this.identity = identity;
        this.enabled = enabled;
        this.from = from;
    }

    /** Mails {@code subject} and {@code body} to each recipient with an address; how many mails the server took. */
    public int send(Collection<String> recipients, String subject, String body) {
        if (!enabled) {
            return 0;
        }
        int sent = 0;
        for (String userId : recipients) {
            User user = identity.createUserQuery().userId(userId).singleResult();
            String address = user == null ? null : user.getEmail();
            if (address == null || address.isBlank()) {
                continue;
            }
            SimpleMailMessage mail = new SimpleMailMessage();
            mail.setFrom(from);
            mail.setTo(address);
            mail.setSubject(subject);
            mail.setText(body);
            try {
                sender.send(mail);
                sent++;
            } catch (MailException e) {
                LOG.warn("Reminder mail to {} not sent ({}); the in-app reminder stands", userId, e.getMessage());
            }
        }
        return sent;
    }
}
