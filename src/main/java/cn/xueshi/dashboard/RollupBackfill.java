package cn.xueshi.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds the rollups from the claims already in the database the first time a node of this version
 * starts (V95 adds the tables empty). Idempotent and once per cluster: the rebuild runs under the
 * rollup lock and only while the 'built' mark is absent; a node that starts while another builds finds
 * the mark afterwards, or the lock taken, and leaves it.
 */
@Component
class RollupBackfill {

    private static final Logger log = LoggerFactory.getLogger(RollupBackfill.class);

    private final Rollups rollups;

    RollupBackfill(Rollups rollups) {
        this.rollups = rollups;
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        if (rollups.built()) {
            return;
        }
        long started = System.nanoTime();
        if (rollups.rebuildUnlessBuilt()) {
            log.info("Dashboard rollups built from the existing claims in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }
}
