package cn.xueshi.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;

/** Which database failures of a completion count as the completion race (answered as a conflict, not a 500). */
@org.junit.jupiter.api.Tag("no-database")
class ConcurrencyFailureTest {

    @Test
    void aDeadlockOrSerializationFailureDeepInTheCausesIsTheRace() {
        // the shape seen on PostgreSQL: engine exception → MyBatis → batch update → the driver's exception
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 delete from ACT_RU_IDENTITYLINK",
                "40P01", new int[0]);
        RuntimeException engine = new ProcessEnginePersistenceException("An exception occurred in the persistence layer", new RuntimeException("flush", batch));
        assertThat(HumanTasks.concurrencyFailure(engine)).isTrue();

        BatchUpdateException chained = new BatchUpdateException("batch", null, new int[0]);
        chained.setNextException(new SQLException("could not serialize access", "40001"));
        assertThat(HumanTasks.concurrencyFailure(new RuntimeException(chained))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(HumanTasks.concurrencyFailure(new RuntimeException(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(HumanTasks.concurrencyFailure(new IllegalStateException("no cause"))).isFalse();
    }
}
