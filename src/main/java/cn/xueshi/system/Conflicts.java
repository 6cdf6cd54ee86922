package cn.xueshi.system;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Tells a lost race from a bug. Two people acting on the same thing at once end in one of these:
 * Camunda's optimistic lock (the other transaction changed the execution or task first), a task or
 * execution that no longer exists (the other completed it), a lock wait or serialization failure of
 * the database, or a unique constraint that the other request filled first. SQL errors are classified
 * by Spring's per-database error codes (H2 and PostgreSQL), wherever they hide in the cause chain
 * (the engine wraps them in its own exceptions).
 */
@Component
public class Conflicts {

    /** H2's "concurrent update" (90131): MVStore's answer when two transactions change one row. */
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private final SQLErrorCodeSQLExceptionTranslator translator;

    Conflicts(DataSource dataSource) {
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    public boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingException || t instanceof NullValueException
                    || t instanceof NotFoundException || t instanceof ConcurrencyFailureException
                    || t instanceof DataIntegrityViolationException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                if (sql.getErrorCode() == H2_CONCURRENT_UPDATE) {
                    return true;
                }
                DataAccessException translated = translator.translate("conflict check", null, sql);
                if (translated instanceof ConcurrencyFailureException
                        || translated instanceof DataIntegrityViolationException) {
                    return true;
                }
            }
        }
        return false;
    }
}
