package cn.xueshi.claim;

import java.util.List;
import org.springframework.stereotype.Service;

/** Writes and reads the audit trail; callers write inside the transaction of the step they record. */
@Service
public class AuditLog {

    private final AuditRepository entries;

    AuditLog(AuditRepository entries) {
        this.entries = entries;
    }

    public void record(Long claimId, String actor, String action, String comment, String taskId) {
        entries.save(new AuditEntry(claimId, actor, action, comment, taskId));
    }

    public List<AuditEntry> of(Long claimId) {
        return entries.findByClaimIdOrderByCreatedAtAscIdAsc(claimId);
    }
}
