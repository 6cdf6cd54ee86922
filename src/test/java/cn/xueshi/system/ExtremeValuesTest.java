package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xueshi.identity.Directory;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.identity.UnitType;
import cn.xueshi.rules.ActivityType;
import cn.xueshi.rules.RecognitionException;
import cn.xueshi.rules.RecognitionRequest;
import cn.xueshi.rules.RecognitionService;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.beans.PropertyDescriptor;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finding 3 of issue 12 as a class: every page and API handler the application maps (read from
 * RequestMappingHandlerMapping, so a new controller is covered without editing this test) gets extreme
 * values in each of its request parameters, path variables and form fields, as each role and anonymously,
 * over real HTTP. None may answer 5xx or take long, years beyond xueshi.limits get 400, and the server
 * still answers afterwards. (GET /claims?year=-50000000 once built a list of 50 million years.)
 */
@IntegrationTest
class ExtremeValuesTest {

    static final String HUGE = "9".repeat(100_000);
    static final String LONG = "长".repeat(3_000);
    /** Each is sent in turn in one parameter while the others keep harmless values. */
    /** Invisible characters a paste can carry: PostgreSQL refuses NUL in text, XML 1.0 all of them. */
    static final String PASTED = "粘\u0000贴\u000B\uFFFF";
    static final List<String> EXTREMES = List.of("-50000000", "2147483648", "99999999999999999999", "-1", "NaN",
            "1e308", "0", HUGE, LONG, PASTED, "");
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Ids no test creates, so a POST with harmless values changes nothing another test relies on. */
    static final String NO_ID = "987654321";

    @LocalServerPort
    int port;
    @Autowired
    TestUsers users;
    @Autowired
    Directory directory;
    /** The application's own handlers (actuator has a mapping of its own, guarded by its own chain). */
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    RequestLimits limits;
    @Autowired
    RecognitionService recognition;

    private final Map<String, Session> sessions = new LinkedHashMap<>();
    /** Written by every role's thread. */
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    record Session(String name, HttpClient client, String csrf) {
    }

    @BeforeEach
    void people() throws Exception {
        Unit unit = users.unit("极值测试医院", UnitType.STATE_OWNED, "JILIN", "jilin-2026");
        String employee = users.member(unit, "极", "值");
        String reviewer = users.reviewerOf(unit, "审", "核");
        String bureau = users.user("bur", "局", "长", Groups.BUREAU);
        directory.assignOversight(bureau, "JILIN");
        String supervisor = users.user("sup", "监", "督", Groups.SUPERVISOR);
        directory.assignOversight(supervisor, "JILIN");
        String analyst = users.user("ana", "规", "则", Groups.ANALYST);
        String admin = users.user("adm", "管", "理", Groups.ADMIN);
        sessions.put("anonymous", anonymous());
        for (Map.Entry<String, String> e : Map.of("employee", employee, "reviewer", reviewer, "bureau", bureau,
                "supervisor", supervisor, "analyst", analyst, "admin", admin).entrySet()) {
            sessions.put(e.getKey(), signIn(e.getKey(), e.getValue()));
        }
    }

    /**
     * Every role (and anonymous) goes through every handler on its own thread and connection, the roles side by side
     * as real users are. The time was never one slow handler: a profile of the sequential run (about 16,000
     * requests) put no pattern above 7 % and every extreme value at about the same cost, so it was the sum of
     * round trips one at a time while the server's other cores sat idle. Each role still sends exactly the requests
     * it sent before, in the same order.
     */
    @Test
    void noHandlerAnswersAnExtremeValueWithAServerErrorAndTheServerStaysUp() throws Exception {
        record Target(RequestMethod method, String pattern, HandlerMethod handler) {
        }
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = m.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("cn.xueshi")) {
                continue; // Spring Boot's own /error
            }
            Set<RequestMethod> methods = m.getKey().getMethodsCondition().getMethods();
            RequestMethod method = methods.contains(RequestMethod.POST) ? RequestMethod.POST : RequestMethod.GET;
            for (String pattern : m.getKey().getPatternValues()) {
                targets.add(new Target(method, pattern, handler));
            }
        }
        java.util.concurrent.ExecutorService roles = java.util.concurrent.Executors.newFixedThreadPool(sessions.size());
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (Session s : sessions.values()) {
                runs.add(roles.submit(() -> {
                    for (Target t : targets) {
                        exercise(s, t.method(), t.pattern(), t.handler());
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get();
            }
        } finally {
            roles.shutdownNow();
        }
        assertThat(targets).as("handlers found in the mappings").hasSizeGreaterThan(40);
        assertThat(failures).as(requests + " requests").isEmpty();
        assertThat(send(sessions.get("anonymous"), RequestMethod.GET, "/login", Map.of(), null).statusCode())
                .as("the server still answers").isEqualTo(200);
    }

    @Test
    void aYearBeyondTheLimitsIsA400WithAChineseMessage() throws Exception {
        Session employee = sessions.get("employee");
        for (String path : List.of("/claims?year=-50000000", "/claims?year=" + (limits.maxYear() + 1),
                "/documents?year=-50000000", "/claims/new?year=" + (limits.minYear() - 1))) {
            HttpResponse<String> r = send(employee, RequestMethod.GET, path, Map.of(), null);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.body()).as(path).contains("不在允许的年度范围内", String.valueOf(limits.minYear()),
                    String.valueOf(limits.maxYear()));
        }
        HttpResponse<String> fine = send(employee, RequestMethod.GET, "/claims?year=" + LocalDate.now().getYear(),
                Map.of(), null);
        assertThat(fine.statusCode()).isEqualTo(200);
    }

    /**
     * The API's JSON numbers: the year, and every numeric parameter of every activity type of every rule
     * set (read from the deployed DMN, so new parameters are covered), each given extreme values in an
     * otherwise valid item.
     */
    @Test
    void theRecognitionApiRangeChecksEveryNumberInItsBody() throws Exception {
        Session employee = sessions.get("employee");
        List<String> extremes = List.of("-50000000", "2147483648", "99999999999999999999", "-1", "1e308",
                "1e999999999", "-1e999999999", "-1e-7", "\"NaN\"", "\"" + HUGE + "\"");
        List<String> bodies = new ArrayList<>();
        for (String v : extremes) {
            bodies.add("{\"ruleSet\":\"jilin-2026\",\"year\":" + v + ",\"items\":[]}");
        }
        int numbers = 0;
        for (String ruleSet : recognition.ruleSets()) {
            int year = yearInForce(ruleSet);
            for (ActivityType type : recognition.activityTypes(ruleSet)) {
                for (ActivityType.Parameter target : type.parameters()) {
                    if (target.kind() == ActivityType.Kind.ENUM) {
                        continue;
                    }
                    numbers++;
                    for (String v : extremes) {
                        StringBuilder item = new StringBuilder("{\"activityType\":\"" + type.code() + "\"");
                        for (ActivityType.Parameter p : type.parameters()) {
                            item.append(",\"").append(p.name()).append("\":")
                                    .append(p == target ? v : validValue(p));
                        }
                        bodies.add("{\"ruleSet\":\"" + ruleSet + "\",\"year\":" + year + ",\"items\":[" + item + "}]}");
                    }
                }
            }
        }
        assertThat(numbers).as("numeric parameters in the deployed rule sets").isGreaterThan(5);
        bodies.add("{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":["
                + "{\"activityType\":\"X\"},".repeat(20_000) + "{}]}");
        bodies.add("{\"ruleSet\":\"" + HUGE + "\",\"year\":2026,\"items\":[]}");
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        // independent requests, so several at once (the client opens a connection for each): see the test above
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(senders.submit(() -> {
                    HttpResponse<String> r = send(employee, RequestMethod.POST, "/api/v1/recognition/evaluate",
                            Map.of(), body);
                    if (r.statusCode() != 400 || !r.body().contains("\"detail\"")
                            || !Pattern.compile("[\\u4e00-\\u9fff]").matcher(r.body()).find()) {
                        wrong.add(abbreviate(body, 300) + " → " + r.statusCode() + " " + abbreviate(r.body(), 300));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(wrong).as(bodies.size() + " bodies").isEmpty();
        HttpResponse<String> yearOut = send(employee, RequestMethod.POST, "/api/v1/recognition/evaluate", Map.of(),
                "{\"ruleSet\":\"jilin-2026\",\"year\":-50000000,\"items\":[]}");
        assertThat(yearOut.body()).contains("\"field\":\"year\"", "不在允许的年度范围内");
    }

    private int yearInForce(String ruleSet) {
        for (int y = LocalDate.now().getYear(); y > LocalDate.now().getYear() - 10; y--) {
            try {
                recognition.evaluate(new RecognitionRequest(ruleSet, y, List.of()));
                return y;
            } catch (RecognitionException notInForce) {
                // try the year before
            }
        }
        throw new AssertionError("no year in force for " + ruleSet);
    }

    private static String validValue(ActivityType.Parameter p) {
        if (p.kind() == ActivityType.Kind.ENUM) {
            return "\"" + p.values().get(0).code() + "\"";
        }
        return p.min() != null && p.min().signum() > 0 ? p.min().toPlainString() : "1";
    }

    // ---------------------------------------------------------------- one handler

    private void exercise(Session s, RequestMethod method, String pattern, HandlerMethod handler) throws Exception {
        Map<String, String> benign = new LinkedHashMap<>();
        List<String> targets = new ArrayList<>();
        List<String> listTargets = new ArrayList<>();
        Set<String> direct = new java.util.HashSet<>();
        boolean json = false;
        for (MethodParameter p : handler.getMethodParameters()) {
            Class<?> type = p.getParameterType();
            if (p.hasParameterAnnotation(RequestBody.class)) {
                json = true;
            } else if (p.hasParameterAnnotation(PathVariable.class) || p.hasParameterAnnotation(RequestParam.class)) {
                if (MultipartFile.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
                    continue;
                }
                String name = name(p);
                benign.put(name, benign(name, method));
                (List.class.isAssignableFrom(type) ? listTargets : targets).add(name);
                direct.add(name);
            } else if (p.hasParameterAnnotation(ModelAttribute.class) && !BeanUtils.isSimpleProperty(type)) {
                for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(type)) {
                    if (d.getWriteMethod() == null) {
                        continue;
                    }
                    Class<?> t = d.getPropertyType();
                    if (List.class.isAssignableFrom(t)) {
                        listTargets.add(d.getName());
                    } else if (BeanUtils.isSimpleValueType(t)) {
                        targets.add(d.getName());
                    }
                }
            }
        }
        String body = json ? "{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[]}" : null;
        HttpResponse<String> baseline = check(s, method, pattern, benign, body, "baseline", null);
        if (baseline == null || unauthorised(baseline)) {
            // not this role's page: one extreme value must still be refused the same way, never reach the handler
            if (!targets.isEmpty()) {
                Map<String, String> values = new LinkedHashMap<>(benign);
                values.put(targets.get(0), "-50000000");
                check(s, method, pattern, values, body, targets.get(0) + "=-50000000", baseline);
            }
            return;
        }
        for (String target : targets) {
            for (String extreme : EXTREMES) {
                Map<String, String> values = new LinkedHashMap<>(benign);
                values.put(target, extreme);
                HttpResponse<String> r = check(s, method, pattern, values, body, target + "=" + abbreviate(extreme), null);
                // (a 404 where the benign values found nothing either is a refusal before any work, e.g. another
                // set's impact preview, whose page keeps a typed year to say what is wrong with it beside the field)
                boolean notFoundAlike = r != null && r.statusCode() == 404 && baseline.statusCode() == 404;
                if (r != null && direct.contains(target) && target.toLowerCase().contains("year") && !extreme.isEmpty()
                        && r.statusCode() != 400 && !unauthorised(r) && !notFoundAlike) {
                    // a year beyond xueshi.limits (or none at all) is refused before any handler code runs
                    failures.add(s.name() + " " + method + " " + pattern + " year=" + abbreviate(extreme)
                            + ": answered " + r.statusCode());
                }
            }
        }
        for (String target : listTargets) {
            // beyond any list a form takes: a crafted index and more values than xueshi.limits allows
            Map<String, String> values = new LinkedHashMap<>(benign);
            values.remove(target);
            values.put(target + "[100000]", "1");
            check(s, method, pattern, values, body, target + "[100000]", null);
            String many = "&" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "=1";
            values.remove(target + "[100000]");
            values.put("__repeat__", many.repeat(limits.maxParameterValues() + 1));
            check(s, method, pattern, values, body, target + " × " + (limits.maxParameterValues() + 1), null);
        }
    }

    /** Sends one request and records what is wrong with the answer; returns it (null when it failed). */
    private HttpResponse<String> check(Session s, RequestMethod method, String pattern, Map<String, String> values,
            String body, String what, HttpResponse<String> unauthorisedBaseline) throws Exception {
        String where = s.name() + " " + method + " " + pattern + " " + what;
        HttpResponse<String> r;
        try {
            r = send(s, method, pattern, values, body);
        } catch (java.net.http.HttpTimeoutException e) {
            failures.add(where + ": no answer within " + TIMEOUT);
            return null;
        } catch (java.io.IOException e) {
            // A URL beyond Tomcat's header limit is refused before any handler runs; Tomcat may close the
            // connection while the client is still writing it, so the client sees no answer instead of 400.
            // (The test checks afterwards that the server stays up.) Any other closed connection is a failure.
            // (path variables are in the URL for every method, request parameters only for GET)
            boolean oversizeUrl = values.entrySet().stream().anyMatch(v -> v.getValue() != null
                    && (method == RequestMethod.GET || pattern.contains("{" + v.getKey() + "}"))
                    && URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8).length() > 8 * 1024);
            if (!oversizeUrl) {
                failures.add(where + ": connection closed without an answer (" + e.getMessage() + ")");
            }
            return null;
        }
        int status = r.statusCode();
        if (status >= 500) {
            failures.add(where + ": " + status + " " + abbreviate(r.body()));
        } else if (unauthorisedBaseline != null && !unauthorised(r) && status != 400 && status != 404) {
            failures.add(where + ": unauthorised, but answered " + status);
        }
        return r;
    }

    private static boolean unauthorised(HttpResponse<String> r) {
        return r.statusCode() == 401 || r.statusCode() == 403
                || r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("/login");
    }

    private HttpResponse<String> send(Session s, RequestMethod method, String pattern, Map<String, String> values,
            String jsonBody) throws Exception {
        requests.incrementAndGet();
        Map<String, String> rest = new LinkedHashMap<>(values);
        String path = pattern.replace("/**", "");
        Matcher vars = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(path);
        StringBuilder filled = new StringBuilder();
        while (vars.find()) {
            String v = rest.remove(vars.group(1));
            vars.appendReplacement(filled, Matcher.quoteReplacement(
                    URLEncoder.encode(v == null ? "1" : v, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        vars.appendTail(filled);
        String repeat = rest.remove("__repeat__");
        String form = rest.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + (repeat == null ? "" : repeat);
        HttpRequest.Builder b;
        if (method == RequestMethod.GET) {
            b = HttpRequest.newBuilder(URI.create(url(filled + (form.isEmpty() ? "" : "?" + form)))).GET();
        } else if (jsonBody != null) {
            b = HttpRequest.newBuilder(URI.create(url(filled + (form.isEmpty() ? "" : "?" + form))))
                    .header("Content-Type", "application/json").header("X-CSRF-TOKEN", s.csrf() == null ? "" : s.csrf())
                    .header("X-XSRF-TOKEN", s.csrf() == null ? "" : s.csrf())
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            String withToken = (s.csrf() == null ? "" : "_csrf=" + s.csrf() + "&") + form;
            b = HttpRequest.newBuilder(URI.create(url(filled.toString())))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(withToken));
        }
        return s.client().send(b.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String benign(String name, RequestMethod method) {
        String n = name.toLowerCase();
        if (n.contains("year")) {
            return String.valueOf(method == RequestMethod.GET ? LocalDate.now().getYear() : limits.maxYear());
        }
        if (n.equals("ruleset")) {
            return method == RequestMethod.GET ? "jilin-2026" : "no-such-rule-set";
        }
        return method == RequestMethod.GET ? "1" : NO_ID;
    }

    private static String name(MethodParameter p) {
        p.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
        RequestParam rp = p.getParameterAnnotation(RequestParam.class);
        PathVariable pv = p.getParameterAnnotation(PathVariable.class);
        String n = rp != null ? (rp.name().isEmpty() ? rp.value() : rp.name())
                : (pv.name().isEmpty() ? pv.value() : pv.name());
        return n.isEmpty() ? p.getParameterName() : n;
    }

    private static String abbreviate(String s) {
        return abbreviate(s, 60);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max / 2) + "…(" + s.length() + " chars)";
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Session anonymous() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        return new Session("anonymous", client, null);
    }

    private Session signIn(String role, String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
        String login = client.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String form = "username=" + user + "&password=" + TestUsers.PASSWORD + "&_csrf=" + token(login);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Location").orElse("")).as(role + " signs in").doesNotContain("error");
        String home = client.send(HttpRequest.newBuilder(URI.create(url("/"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Session(role, client, token(home));
    }

    private static String token(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

}
