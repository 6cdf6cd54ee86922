package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/** Every worked case of shared/rules/examples.json passes through the API. */
@IntegrationTest
@WithMockUser("examples")
class RecognitionExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    static JsonNode examples() throws Exception {
        try (InputStream in = RecognitionExamplesTest.class.getResourceAsStream("/rules/examples.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void copyOfExamplesEqualsTheSharedContract() throws Exception {
        Path shared = Path.of("..", "shared", "rules", "examples.json");
        if (Files.exists(shared)) {
            assertThat(JSON.readTree(shared.toFile())).isEqualTo(examples());
        }
    }

    @TestFactory
    Stream<DynamicTest> examplesPass() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : examples().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                String body = mvc.perform(post("/api/v1/recognition/evaluate").contentType(MediaType.APPLICATION_JSON)
                                .content(JSON.writeValueAsString(c.get("request"))).with(csrf()))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
                JsonNode actual = JSON.readTree(body);
                assertMatches(c.get("expect"), actual, "");
            }));
        }
        return tests.stream();
    }

    /** Every field the example names has the expected value (numbers compared numerically). */
    static void assertMatches(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) expected::fields) {
                assertThat(actual.has(e.getKey())).as(path + "." + e.getKey() + " in " + actual).isTrue();
                assertMatches(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertMatches(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + " is a number").isTrue();
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
