package cn.xueshi.rules;

import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.impl.JavaValueMapper;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.EvalContext$;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.impl.parser.ExpressionValidator;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.valuemapper.CustomValueMapper;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * Standard FEEL (feel-scala) for the DMN engine, fast. Camunda's {@link ScalaFeelEngine} parses the
 * cell text again on every evaluation, and feel-scala's {@code FeelEngine.evaluate} builds its whole
 * table of built-in functions again for every evaluation too; together about 100 times slower than
 * legacy FEEL. This engine keeps the parsed (and validated) expression per text — a cell's text is
 * its identity — and the built-ins once, and otherwise evaluates as {@code FeelEngine.evaluate} does
 * (same interpreter, value mapper and error results; FeelOnlyEngineTest compares the two).
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
    /** Never external functions; checked again on every parsed expression before it is cached. */
    private final ExpressionValidator validator = new ExpressionValidator(false);
    private final ValueMapper valueMapper;
    private final FeelInterpreter interpreter;
    /** The built-in functions, made once: feel-scala's FeelEngine makes them anew for every evaluation. */
    private final FunctionProvider functions;

    CachingFeelEngine() {
        super(List.of());
        this.valueMapper = feelEngine.valueMapper();
        this.interpreter = new FeelInterpreter(valueMapper);
        this.functions = new FunctionProvider.CompositeFunctionProvider(toScalaList(
                new BuiltinFunctions(feelEngine.clock(), valueMapper), feelEngine.functionProvider()));
    }

    @Override
    protected camundajar.impl.scala.collection.immutable.List<CustomValueMapper> getValueMappers() {
        return toScalaList(new JavaObjectsRefused(), new JavaValueMapper());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
        // the most common input expression is a bare name holding a text or nothing: FEEL would map it
        // to a FEEL string (or null) and back, so the value itself is the exact result
        if (isName(expression) && variables.containsVariable(expression)) {
            Object value = variables.resolve(expression).getValue();
            if (value == null || value instanceof String) {
                return (T) value;
            }
        }
        ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
        return (T) evaluate(parsed, new ContextVariableWrapper(variables));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        if (expression.trim().equals("-")) {
            return true; // FEEL's "any value", whatever the input
        }
        Set<String> texts = textTests.computeIfAbsent(expression, CachingFeelEngine::texts);
        if (!texts.isEmpty() && variables.containsVariable(inputVariable)) {
            Object value = variables.resolve(inputVariable).getValue();
            if (value instanceof String text) {
                return texts.contains(text); // FEEL compares a text with text literals by equality
            }
        }
        ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
        VariableProvider provider = new VariableProvider.CompositeVariableProvider(toScalaList(
                new VariableProvider.StaticVariableProvider(
                        new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE, inputVariable)),
                new ContextVariableWrapper(variables)));
        return Boolean.TRUE.equals(evaluate(parsed, provider));
    }

    /**
     * The texts of a unary test that is nothing but text literals without escapes ({@code "A","B"}),
     * empty for any other test (evaluated by the interpreter). Bounded like the parsed expressions.
     */
    private final Map<String, Set<String>> textTests = new ConcurrentHashMap<>() {
        @Override
        public Set<String> computeIfAbsent(String key, Function<? super String, ? extends Set<String>> f) {
            if (size() >= MAX_CACHED) {
                clear();
            }
            return super.computeIfAbsent(key, f);
        }
    };

    private static final java.util.regex.Pattern TEXTS =
            java.util.regex.Pattern.compile("\\s*\"[^\"\\\\]*\"(\\s*,\\s*\"[^\"\\\\]*\")*\\s*");
    private static final java.util.regex.Pattern TEXT = java.util.regex.Pattern.compile("\"([^\"\\\\]*)\"");

    private static Set<String> texts(String test) {
        if (!TEXTS.matcher(test).matches()) {
            return Set.of();
        }
        Set<String> texts = new java.util.HashSet<>();
        java.util.regex.Matcher m = TEXT.matcher(test);
        while (m.find()) {
            texts.add(m.group(1));
        }
        return Set.copyOf(texts);
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("true", "false", "null", "not", "and",
            "or", "between", "in", "instance", "of", "if", "then", "else", "for", "return", "some", "every",
            "satisfies", "function", "external");

    private static boolean isName(String text) {
        return text.length() < 64 && NAME.matcher(text).matches() && !KEYWORDS.contains(text);
    }

    /** What feel-scala's {@code FeelEngine.evaluate} does, on the cached built-ins. */
    private Object evaluate(ParsedExpression parsed, VariableProvider variables) {
        EvalContext context = EvalContext$.MODULE$.create(valueMapper, functions).merge(new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return variables;
            }
        });
        Val result = interpreter.eval(parsed.expression(), context);
        if (result instanceof ValError error) {
            throw LOGGER.evaluationException("failed to evaluate expression '" + parsed.text() + "': " + error.error());
        }
        if (result instanceof ValFatalError error) {
            throw LOGGER.evaluationException("failed to evaluate expression '" + parsed.text() + "': " + error.error());
        }
        return valueMapper.unpackVal(result);
    }

    private ParsedExpression parsed(Map<String, ParsedExpression> cache, String text,
            Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parse) {
        ParsedExpression parsed = cache.get(text);
        if (parsed == null) {
            Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression> either = parse.apply(text);
            if (either instanceof Left<?, ?> left) {
                throw new FeelSyntaxException("FEEL cannot parse '" + text + "': "
                        + ((org.camunda.feel.FeelEngine.Failure) left.value()).message());
            }
            parsed = either.toOption().get();
            Option<org.camunda.feel.FeelEngine.Failure> invalid = validator.validateExpression(parsed.expression());
            if (invalid.isDefined()) {
                throw new FeelSyntaxException("FEEL refuses '" + text + "': " + invalid.get().message());
            }
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(text, parsed);
        }
        return parsed;
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
