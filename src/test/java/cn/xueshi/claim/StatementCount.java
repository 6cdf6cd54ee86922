package cn.xueshi.claim;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The benchmark's SQL statement counter: the application's {@link DataSource} (which the engine, Hibernate,
 * the JdbcTemplates and the benchmark's bare engine all use) wrapped so that every statement executed on it is
 * counted for the executing thread; a JDBC batch counts once (one round trip), its rows apart. The benchmark reads
 * the thread's counters around each step. On only with {@code -Dbench.sql=true}: every JDBC call (each parameter
 * bound, each column read) then goes through a reflective proxy, which costs the side with more JDBC calls more
 * (in run G the proxy was 16 % of the application's samples) — the counts are exact, the timings of such a run are
 * not; measure the timings without it.
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementCount {

    /** Statements (round trips) and batched rows executed by the current thread so far. */
    static final class Counters {
        long statements;
        long batchedRows;
    }

    static final ThreadLocal<Counters> COUNTERS = ThreadLocal.withInitial(Counters::new);

    static Counters current() {
        return COUNTERS.get();
    }

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> BATCH = Set.of("executeBatch", "executeLargeBatch");

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (Boolean.getBoolean("bench.sql") && bean instanceof DataSource ds && !(Proxy.isProxyClass(bean.getClass()))) {
                    return proxy(DataSource.class, ds, (target, method, args) -> {
                        Object result = invoke(target, method, args);
                        return result instanceof Connection c ? proxy(Connection.class, c, StatementCount::connection)
                                : result;
                    });
                }
                return bean;
            }
        };
    }

    private static Object connection(Object target, Method method, Object[] args) throws Throwable {
        Object result = invoke(target, method, args);
        if (result instanceof Statement s && method.getName().matches("prepareStatement|prepareCall|createStatement")) {
            Class<?> type = method.getReturnType();
            return proxy(type, s, StatementCount::statement);
        }
        return result;
    }

    private static Object statement(Object target, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (EXECUTE.contains(name)) {
            current().statements++;
        } else if (BATCH.contains(name)) {
            current().statements++;
        } else if ("addBatch".equals(name)) {
            current().batchedRows++;
        }
        return invoke(target, method, args);
    }

    interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler h = (p, method, args) -> {
            String name = method.getName();
            if ("unwrap".equals(name) && args.length == 1 && ((Class<?>) args[0]).isInstance(p)) {
                return p;
            }
            if ("equals".equals(name) && args != null && args.length == 1) {
                return p == args[0];
            }
            if ("hashCode".equals(name) && (args == null || args.length == 0)) {
                return System.identityHashCode(p);
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(StatementCount.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
