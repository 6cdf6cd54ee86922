package cn.xueshi.publicity;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.task.InboxSection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The reviewer's open objection tasks (异议), listed in the inbox as "待处理的公示异议". */
@Component
class ObjectionInbox implements InboxSection {

    private final PublicityService publicity;

    ObjectionInbox(PublicityService publicity) {
        this.publicity = publicity;
    }

    @Override
    public String id() {
        return "objection-tasks";
    }

    @Override
    public String headingKey() {
        return "review.objections.heading";
    }

    @Override
    public List<InboxEntry> openFor(CurrentUser me) {
        return publicity.openObjections(me).stream().map(open -> new InboxEntry(open.task().getId(),
                "/review/objections/" + open.task().getId(), "publicity.handle.title",
                String.valueOf(open.objection().getClaimId()), open.objection().getRaisedAt(),
                open.objection().getReason())).toList();
    }
}
