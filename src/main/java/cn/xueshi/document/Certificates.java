package cn.xueshi.document;

import cn.xueshi.clock.BusinessClock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues the annual certificate (继续教育学时证明). Downloading again gives the same code as long as
 * what the certificate states is unchanged (hours by subject, requirement, status 登记完成/已备案, unit
 * and name); when any of that changes a new code is issued and the earlier one stays verifiable but
 * is shown as superseded, so a printed copy can always be checked against what it said.
 */
@Service
class Certificates {

    private final CertificateStore store;
    private final TransactionTemplate transaction;

    Certificates(CertificateStore store, PlatformTransactionManager transactionManager) {
        this.store = store;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The current certificate for the record; the caller has checked that the year has counted hours. */
    Certificate issue(YearRecord r) {
        String fingerprint = fingerprint(r);
        Optional<Certificate> same = store.bySnapshot(r.userId(), r.year(), fingerprint);
        if (same.isPresent()) {
            if (same.get().superseded()) {
                transaction.executeWithoutResult(t -> store.makeCurrent(r.userId(), r.year(), same.get().code()));
            }
            return store.byCode(same.get().code()).orElseThrow();
        }
        var p = r.progress();
        Certificate c = new Certificate(CertificateStore.newCode(), r.userId(), r.year(), r.unitId(), r.name(),
                r.familyName(), r.unitName(), r.ruleSet(), p.publicHours(), p.professionalHours(), p.totalHours(),
                p.requirement().total(), p.requirement().publicMin(), p.requirement().professionalMin(),
                p.compliant(), r.statusCode(), BusinessClock.now(), null);
        try {
            // in a transaction of its own, so a lost race (unique snapshot) leaves nothing half done
            transaction.executeWithoutResult(t -> {
                store.insert(c, fingerprint);
                store.makeCurrent(r.userId(), r.year(), c.code());
            });
        } catch (DuplicateKeyException e) {
            // the same person downloaded twice at once: the other request's certificate stands
            return store.bySnapshot(r.userId(), r.year(), fingerprint).orElseThrow(() -> e);
        }
        return c;
    }

    Optional<Certificate> verify(String code) {
        return CertificateStore.wellFormed(code) ? store.byCode(code) : Optional.empty();
    }

    private static String fingerprint(YearRecord r) {
        var p = r.progress();
        String s = String.join("|", Hours.text(p.publicHours()), Hours.text(p.professionalHours()),
                Hours.text(p.requirement().total()), Hours.text(p.requirement().publicMin()),
                Hours.text(p.requirement().professionalMin()), r.statusCode(), String.valueOf(r.unitId()), r.name());
        return s.length() <= 200 ? s : s.substring(0, 200);
    }
}
