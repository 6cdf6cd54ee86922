package cn.xueshi.makeup;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Directory;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.task.InboxSection;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** The reviewer's open make-up/reduction reviews (补学/减免), listed in the inbox beside the claims. */
@Component
class MakeupInbox implements InboxSection {

    private final MakeupService makeups;
    private final Directory directory;
    private final MessageSource messages;

    MakeupInbox(MakeupService makeups, Directory directory, MessageSource messages) {
        this.makeups = makeups;
        this.directory = directory;
        this.messages = messages;
    }

    @Override
    public String id() {
        return "makeup-tasks";
    }

    @Override
    public String headingKey() {
        return "makeup.inbox.heading";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<InboxEntry> openFor(CurrentUser me) {
        return makeups.pendingReviews(me).stream().map(p -> new InboxEntry(p.task().getId(),
                "/makeup/review/" + p.task().getId(), "makeup.inbox.entry", String.valueOf(p.request().getId()),
                p.request().getCreatedAt(), detail(p.request()))).toList();
    }

    /** "张三 · 2026 年度 · 减免" in the page's language. */
    private String detail(MakeupRequest r) {
        return messages.getMessage("makeup.inbox.detail", new Object[] {directory.displayName(r.getClaimant()),
                String.valueOf(r.getYear()), messages.getMessage("makeup.reason." + r.getReason().name(), null,
                        r.getReason().name(), LocaleContextHolder.getLocale())},
                LocaleContextHolder.getLocale());
    }
}
