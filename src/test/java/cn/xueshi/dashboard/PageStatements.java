package cn.xueshi.dashboard;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The SQL of one dashboard page: the application's data source wrapped so that every statement prepared or created
 * while {@link #record} runs, on the calling thread or on the overview's own pool ("dashboard-view" threads), is
 * listed (its SQL; "createStatement" for a plain statement). Only connections are wrapped, not statements, so the
 * cost per page is a few reflective calls (the benchmark's timings stay honest). Scheduled work on other threads is
 * not counted.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PageStatements {

    private static volatile Thread caller;
    private static volatile List<String> recorded;

    /** Runs {@code page} and returns the statements it sent. */
    public static List<String> record(ThrowingRunnable page) throws Exception {
        List<String> sql = Collections.synchronizedList(new ArrayList<>());
        caller = Thread.currentThread();
        recorded = sql;
        try {
            page.run();
        } finally {
            recorded = null;
            caller = null;
        }
        return List.copyOf(sql);
    }

    /** Statements of {@code sql} containing {@code fragment} (case-insensitive). */
    public static long count(List<String> sql, String fragment) {
        return sql.stream().filter(s -> s.toLowerCase().contains(fragment.toLowerCase())).count();
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Bean
    static BeanPostProcessor recordingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource ds && !Proxy.isProxyClass(bean.getClass()) ? recording(ds) : bean;
            }
        };
    }

    private static void note(Method m, Object[] args) {
        List<String> sql = recorded;
        Thread t = Thread.currentThread();
        if (sql != null && (t == caller || t.getName().startsWith("dashboard-view"))) {
            sql.add(args != null && args.length > 0 && args[0] instanceof String s ? s.replaceAll("\\s+", " ") : m.getName());
        }
    }

    private static DataSource recording(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(PageStatements.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, args) -> {
                    if (m.getName().equals("unwrap") && args.length == 1 && ((Class<?>) args[0]).isInstance(p)) {
                        return p;
                    }
                    Object result = invoke(real, m, args);
                    if (!(result instanceof Connection c)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(PageStatements.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (cp, cm, cargs) -> {
                                if (cm.getName().startsWith("prepare") || cm.getName().equals("createStatement")) {
                                    note(cm, cargs);
                                }
                                if (cm.getName().equals("unwrap") && cargs.length == 1
                                        && ((Class<?>) cargs[0]).isInstance(cp)) {
                                    return cp;
                                }
                                return invoke(c, cm, cargs);
                            });
                });
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
