package cn.xueshi.filing;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitRepository;
import cn.xueshi.task.HumanTasks;
import cn.xueshi.task.InboxEntry;
import cn.xueshi.task.InboxSection;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The person's open annual-filing steps (年度备案): compiling the unit's filing (reviewers) and
 * verifying it (the HR bureau), listed in the inbox beside the claims.
 */
@Component
class FilingInbox implements InboxSection {

    private final HumanTasks humanTasks;
    private final UnitFilingRepository filings;
    private final UnitRepository units;

    FilingInbox(HumanTasks humanTasks, UnitFilingRepository filings, UnitRepository units) {
        this.humanTasks = humanTasks;
        this.filings = filings;
        this.units = units;
    }

    @Override
    public String id() {
        return "filing-tasks";
    }

    @Override
    public String headingKey() {
        return "filing.inbox.heading";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<InboxEntry> openFor(CurrentUser me) {
        List<InboxEntry> entries = new ArrayList<>();
        add(entries, humanTasks.open(FilingService.COMPILE_TASK, me.userId()), "filing.inbox.compile");
        add(entries, humanTasks.open(FilingService.VERIFY_TASK, me.userId()), "filing.inbox.verify");
        return entries;
    }

    /** One entry per task whose filing is found; a filing whose instance ended meanwhile is left out. */
    private void add(List<InboxEntry> entries, List<Task> open, String titleKey) {
        for (Task t : open) {
            filings.findByProcessInstanceId(t.getProcessInstanceId()).ifPresent(f -> entries.add(new InboxEntry(
                    t.getId(), "/filing/" + f.getId(), titleKey, String.valueOf(f.getYear()),
                    t.getCreateTime().toInstant(), units.findById(f.getUnitId()).map(Unit::getName).orElse(""))));
        }
    }
}
