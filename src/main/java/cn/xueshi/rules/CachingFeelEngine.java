package cn.xueshi.rules;

import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import camundajar.impl.scala.Option;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.impl.JavaValueMapper;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.valuemapper.CustomValueMapper;

/**
 * Standard FEEL (feel-scala) for the DMN engine, with each expression and unary test parsed once.
 * Camunda's {@link ScalaFeelEngine} parses the cell text again on every evaluation, which made a
 * recognition about 100 times slower than legacy FEEL; this engine keeps the parsed expression per
 * text (a cell's text is its identity) and evaluates exactly as {@link ScalaFeelEngine} does.
 *
 * <p>Security: external Java functions ({@code function(x) external {java: …}}) stay disabled (as in
 * {@link ScalaFeelEngine#buildFeelEngine}), no custom function providers are installed, and
 * {@link JavaObjectsRefused} keeps FEEL from seeing any Java object but plain values, so a FEEL
 * expression cannot read the fields or call the methods of an object in its context.
 */
final class CachingFeelEngine extends ScalaFeelEngine {

    /** Bound on the cached texts (drafts may bring many); past it the cache starts again. */
    static final int MAX_CACHED = 20_000;

    private static final String INPUT_VARIABLE = "inputVariableName";

    private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
    private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

    CachingFeelEngine() {
        super(List.of());
    }

    @Override
    protected camundajar.impl.scala.collection.immutable.List<CustomValueMapper> getValueMappers() {
        return toScalaList(new JavaObjectsRefused(), new JavaValueMapper());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
        VariableProvider provider = new ContextVariableWrapper(variables);
        return (T) result(feelEngine.eval(parsed, context(provider)));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
        VariableProvider provider = new VariableProvider.CompositeVariableProvider(toScalaList(
                new VariableProvider.StaticVariableProvider(
                        new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE, inputVariable)),
                new ContextVariableWrapper(variables)));
        return Boolean.TRUE.equals(result(feelEngine.eval(parsed, context(provider))));
    }

    private static CustomContext context(VariableProvider provider) {
        return new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return provider;
            }
        };
    }

    private static ParsedExpression parsed(Map<String, ParsedExpression> cache, String text,
            Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parse) {
        ParsedExpression parsed = cache.get(text);
        if (parsed == null) {
            Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression> either = parse.apply(text);
            if (either instanceof Left<?, ?> left) {
                throw new FeelSyntaxException("FEEL cannot parse '" + text + "': "
                        + ((org.camunda.feel.FeelEngine.Failure) left.value()).message());
            }
            parsed = either.toOption().get();
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(text, parsed);
        }
        return parsed;
    }

    private static Object result(Either<org.camunda.feel.FeelEngine.Failure, ?> either) {
        if (either instanceof Left<?, ?> left) {
            throw LOGGER.evaluationException(((org.camunda.feel.FeelEngine.Failure) left.value()).message());
        }
        return either.toOption().get();
    }

    /** The DMN engine's factory for {@link CachingFeelEngine}. */
    static final class Factory implements FeelEngineFactory {
        @Override
        public FeelEngine createInstance() {
            return new CachingFeelEngine();
        }
    }

    /**
     * feel-scala's default value mapper shows any other Java object to FEEL as a context of its fields
     * and getters, with its public methods as functions. Nothing but plain values (text, numbers,
     * booleans, dates and durations, lists and maps of them) ever belongs in a rule's context, so
     * everything else becomes an error value before FEEL sees it.
     */
    static final class JavaObjectsRefused implements CustomValueMapper {

        @Override
        public void org$camunda$feel$valuemapper$CustomValueMapper$_setter_$priority_$eq(int priority) {
            // the priority is fixed below
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Option<Val> toVal(Object x, camundajar.impl.scala.Function1<Object, Val> inner) {
            if (x == null || x instanceof Val || x instanceof String || x instanceof Number || x instanceof Boolean
                    || x instanceof Character || x instanceof Temporal || x instanceof TemporalAmount
                    || x instanceof Date || x instanceof Map<?, ?> || x instanceof Collection<?>
                    || x instanceof javax.xml.datatype.Duration || engineOwn(x)) {
                return Option.empty();
            }
            return Option.apply(new ValError("FEEL cannot use a Java object of type " + x.getClass().getName()));
        }

        /** The FEEL engine maps its own (shaded Scala) values too; they carry no Java object. */
        private static boolean engineOwn(Object x) {
            String name = x.getClass().getName();
            return name.startsWith("camundajar.impl.scala.") || name.startsWith("org.camunda.feel.syntaxtree.");
        }

        @Override
        public Option<Object> unpackVal(Val value, camundajar.impl.scala.Function1<Val, Object> inner) {
            return Option.empty();
        }
    }
}
