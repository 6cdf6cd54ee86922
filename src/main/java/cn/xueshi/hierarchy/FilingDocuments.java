package cn.xueshi.hierarchy;

import cn.xueshi.evidence.EvidenceFile;
import cn.xueshi.evidence.EvidenceRejected;
import cn.xueshi.evidence.EvidenceStore;
import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.Groups;
import cn.xueshi.system.NotFound;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The supporting document of a filing (备案文件: the department's or unit's own 文件 behind the 文号), kept in the
 * evidence store with its checks (size, type by content, the file must open). Checked before anything of the
 * submission is written; read only by the submitting side (the set's maintainers), the filing authority and admins —
 * anyone else gets 404, as if there were none.
 */
@Component
class FilingDocuments {

    /** A checked upload, not yet kept. */
    record Checked(String fileName, byte[] content) {
    }

    private final EvidenceStore store;
    private final FilingDocumentLimits limits;
    private final MaintainerScope scope;
    private final FilingAuthority authority;
    private final HierarchyAudit audit;
    private final MessageSource messages;

    FilingDocuments(EvidenceStore store, FilingDocumentLimits limits, MaintainerScope scope, FilingAuthority authority,
            HierarchyAudit audit, MessageSource messages) {
        this.store = store;
        this.limits = limits;
        this.scope = scope;
        this.authority = authority;
        this.audit = audit;
        this.messages = messages;
    }

    /** The upload checked; a refusal beside the field {@code document} otherwise (none chosen included). */
    Checked check(SupportingDocument file) {
        try {
            if (file == null) {
                throw new EvidenceRejected("evidence.error.missing");
            }
            if (file.content() == null) {
                throw new EvidenceRejected("evidence.error.unreadable", file.fileName());
            }
            store.checkOne(file.fileName(), file.content(), limits.maxFileBytes(), limits.kinds());
            return new Checked(file.fileName(), file.content());
        } catch (EvidenceRejected e) {
            throw new HierarchyRefusal("document", messages.getMessage("hierarchy.error.document",
                    new Object[] {messages.getMessage(e.messageKey(), e.args(), e.messageKey(),
                            LocaleContextHolder.getLocale())}, LocaleContextHolder.getLocale()));
        }
    }

    String maxShown() {
        return cn.xueshi.system.ByteLimit.shown(limits.maxFileBytes());
    }

    /** Keeps the document of a version (replacing the one it had) and audits it. */
    void keep(RuleSetVersion v, Checked doc, String by, boolean replacing) {
        long id = store.keepForRuleSetVersion(v.getId(), doc.fileName(), doc.content(), by);
        EvidenceFile kept = store.forRuleSetVersion(v.getId()).orElseThrow();
        audit.record(v.getRuleSetKey(), v.getVersion(), by, replacing ? "DOCUMENT_REPLACED" : "DOCUMENT",
                kept.fileName() + "（" + kept.sizeBytes() + " 字节，SHA-256 " + kept.sha256().substring(0, 16) + "…，#"
                        + id + "）");
    }

    /** The document of a version, for its pages (empty when none was uploaded, e.g. filed before uploads). */
    Optional<EvidenceFile> of(RuleSetVersion v) {
        return store.forRuleSetVersion(v.getId());
    }

    /** Whether the person may open the documents of this set: its maintainers, its filing authority, admins. */
    boolean mayOpen(CurrentUser me, DerivedRuleSet set) {
        return me.isIn(Groups.ADMIN) || scope.maintains(me, set) || authority.usersOf(set).contains(me.userId());
    }

    /** The file and its bytes, for someone who may open it; 404 otherwise. */
    Opened open(CurrentUser me, DerivedRuleSet set, RuleSetVersion v) {
        if (!mayOpen(me, set) || !v.getRuleSetKey().equals(set.getKey())) {
            throw new NotFound();
        }
        EvidenceFile file = of(v).orElseThrow(NotFound::new);
        return new Opened(file, store.content(file.id()));
    }

    record Opened(EvidenceFile file, byte[] content) {
    }
}
