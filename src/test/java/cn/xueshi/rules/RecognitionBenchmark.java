package cn.xueshi.rules;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.xueshi.support.IntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.MessageSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Item evaluations per second through {@link RecognitionService} and through a bare DMN engine on the
 * same decisions, and the median latency of a 500-item API request. See BENCHMARK.md.
 */
@Tag("benchmark")
@IntegrationTest
class RecognitionBenchmark {

    static final long MEASURE_NANOS = 3_000_000_000L;
    static final int ROUNDS = 4;

    @Autowired
    RecognitionService recognition;
    @Autowired
    MockMvc mvc;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RateWords words;
    @Autowired
    MessageSource messages;
    @Autowired
    RuleSetHierarchy hierarchy;

    /** 500 items mixing every kind of Jilin row (rank decrements, durations, caps, full-year credits). */
    static List<Map<String, Object>> items() {
        List<Map<String, Object>> base = List.of(
                CatalogRowsTest.item("activityType", "PATENT", "patentType", "INVENTION", "rank", 2),
                CatalogRowsTest.item("activityType", "PROFESSIONAL_EXCHANGE", "days", 3),
                CatalogRowsTest.item("activityType", "UNIT_ACTIVITY", "minutes", 100, "characters", 2500),
                CatalogRowsTest.item("activityType", "PAPER", "journal", "OTHER", "role", "CO_AUTHOR"),
                CatalogRowsTest.item("activityType", "SKILL_COMPETITION", "level", "MUNICIPAL", "grade", "THIRD"),
                CatalogRowsTest.item("activityType", "AWARD", "level", "MUNICIPAL", "grade", "THIRD", "rank", 3),
                CatalogRowsTest.item("activityType", "TRAINING", "hours", 6.5, "subject", "PUBLIC"),
                CatalogRowsTest.item("activityType", "DEGREE_EDUCATION", "months", 2),
                CatalogRowsTest.item("activityType", "UNIT_PRACTICE", "days", 1, "minutes", 30),
                CatalogRowsTest.item("activityType", "AID_SERVICE"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(base.get(i % base.size()));
        }
        return items;
    }

    @Test
    @WithMockUser("benchmark")
    void itemEvaluationsPerSecondAndApiLatency() throws Exception {
        RecognitionRequest request = new RecognitionRequest("jilin-2026", 2026, items());
        // the service as it runs (standard FEEL, DmnEngines) and the same service code on legacy FEEL (the
        // configuration before FEEL-only), side by side: alternating rounds, best round of each, so that
        // the load of a shared machine and the JIT's warm-up order favour neither
        DefaultDmnEngineConfiguration legacyService =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        legacyService.enableFeelLegacyBehavior(true);
        legacyService.customPostDecisionTableEvaluationListeners(List.of(new DeployedDecisions.RuleRecorder()));
        RecognitionService legacy = new RecognitionService(new DeployedDecisions(repositoryService,
                legacyService.buildEngine()), words, messages, recognition.ruleSets(), hierarchy, recognition.limits());
        RecognitionResult standardResult = recognition.evaluate(request);
        RecognitionResult legacyResult = legacy.evaluate(request);
        for (int i = 0; i < standardResult.items().size(); i++) {
            if (standardResult.items().get(i).hours().compareTo(legacyResult.items().get(i).hours()) != 0) {
                throw new IllegalStateException("standard and legacy FEEL disagree on item " + i);
            }
        }
        if (standardResult.totalHours().compareTo(legacyResult.totalHours()) != 0) {
            throw new IllegalStateException("standard and legacy FEEL disagree on the total");
        }
        double servicePerSecond = 0;
        double legacyServicePerSecond = 0;
        for (int round = 0; round < ROUNDS; round++) {
            servicePerSecond = Math.max(servicePerSecond, service(recognition, request));
            legacyServicePerSecond = Math.max(legacyServicePerSecond, service(legacy, request));
        }

        // bare engine on the same decision and the same variables the service passes
        List<String> params = Arrays.asList("level", "role", "grade", "journal", "patentType", "reason", "subject", "rank",
                "days", "partialDays", "minutes", "months", "hours", "count", "characters", "paperCharacters", "score");
        List<Map<String, Object>> variables = new ArrayList<>();
        for (Map<String, Object> item : request.items()) {
            Map<String, Object> v = new HashMap<>();
            params.forEach(p -> v.put(p, item.get(p)));
            v.put("activityType", item.get("activityType"));
            variables.add(v);
        }
        // the engine exactly as DmnEngineConfiguration builds it by default (FEEL Scala, re-parsed per evaluation) ...
        double barePerSecond = bare(DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine(), variables);
        // ... with legacy FEEL (compiled, cached expressions) ...
        DmnEngineConfiguration legacyBare = DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        ((DefaultDmnEngineConfiguration) legacyBare).enableFeelLegacyBehavior(true);
        double bareLegacyPerSecond = bare(legacyBare.buildEngine(), variables);
        // ... and as the service builds it (DmnEngines: FEEL Scala, parsed once)
        double bareHardenedPerSecond = bare(DmnEngines.build(), variables);

        // API: a 500-item request through MockMvc (security filters, JSON in and out)
        String body = new ObjectMapper().writeValueAsString(request);
        for (int i = 0; i < 30; i++) {
            post500(body);
        }
        long[] latencies = new long[101];
        for (int i = 0; i < latencies.length; i++) {
            long t = System.nanoTime();
            post500(body);
            latencies[i] = System.nanoTime() - t;
        }
        Arrays.sort(latencies);
        double medianMs = latencies[latencies.length / 2] / 1e6;

        String report = String.format("%n=== RecognitionBenchmark (1 thread; rates per second of the thread's CPU time) ===%n"
                + "service, standard FEEL (as it runs):          %,.0f item evaluations/s%n"
                + "service, legacy FEEL (same code, same run):   %,.0f item evaluations/s%n"
                + "ratio service standard/legacy:                %.2f (target >= 0.8)%n"
                + "  the same by wall clock (load of the machine included): %,.0f and %,.0f item evaluations/s, ratio %.2f%n"
                + "bare engine, default configuration (FEEL Scala, re-parsed): %,.0f item evaluations/s%n"
                + "bare engine, legacy FEEL:                     %,.0f item evaluations/s%n"
                + "bare engine, DmnEngines (FEEL Scala, parsed once): %,.0f item evaluations/s%n"
                + "500-item API request: median %.1f ms (p90 %.1f ms)%n",
                servicePerSecond, legacyServicePerSecond, servicePerSecond / legacyServicePerSecond,
                WALL.get(recognition), WALL.get(legacy), WALL.get(recognition) / WALL.get(legacy), barePerSecond,
                bareLegacyPerSecond, bareHardenedPerSecond, medianMs, latencies[(int) (latencies.length * 0.9)] / 1e6);
        System.out.println(report);
        System.err.println(report);
    }

    /**
     * Item evaluations per second of this thread's CPU time (the machine is shared: wall time would
     * measure the other processes' load as much as this code); warm-up first.
     */
    private static double service(RecognitionService service, RecognitionRequest request) {
        long warmUntil = cpu() + MEASURE_NANOS / 2;
        while (cpu() < warmUntil) {
            service.evaluate(request);
        }
        long items = 0;
        long start = cpu();
        long wallStart = System.nanoTime();
        while (cpu() - start < MEASURE_NANOS) {
            service.evaluate(request);
            items += request.items().size();
        }
        WALL.merge(service, items / ((System.nanoTime() - wallStart) / 1e9), Math::max);
        return items / ((cpu() - start) / 1e9);
    }

    /** The best wall-clock rate of each service, for the record (load of the shared machine included). */
    private static final Map<Object, Double> WALL = new HashMap<>();

    private static double bare(DmnEngine engine, List<Map<String, Object>> variables) throws Exception {
        DmnDecision decision;
        try (InputStream in = RecognitionBenchmark.class.getClassLoader().getResourceAsStream("dmn/jilin-2026.dmn")) {
            decision = engine.parseDecision("jilin-2026-items", in);
        }
        long warmUntil = cpu() + MEASURE_NANOS / 2;
        while (cpu() < warmUntil) {
            variables.forEach(v -> engine.evaluateDecisionTable(decision, v));
        }
        long items = 0;
        long start = cpu();
        while (cpu() - start < MEASURE_NANOS) {
            for (Map<String, Object> v : variables) {
                engine.evaluateDecisionTable(decision, v);
            }
            items += variables.size();
        }
        return items / ((cpu() - start) / 1e9);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private void post500(String body) throws Exception {
        int status = mvc.perform(post("/api/v1/recognition/evaluate").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse().getStatus();
        if (status != 200) {
            throw new IllegalStateException("status " + status);
        }
    }
}
