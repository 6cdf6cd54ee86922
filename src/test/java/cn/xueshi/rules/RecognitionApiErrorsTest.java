package cn.xueshi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** What a caller can get wrong: 400 problem+json naming the field in Chinese, 401 without credentials, never 500. */
@IntegrationTest
class RecognitionApiErrorsTest {

    static final String USER = "rulesApiCaller";
    static final String PASSWORD = "rules-api-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityService identity;

    @BeforeEach
    void caller() {
        if (identity.createUserQuery().userId(USER).count() == 0) {
            User u = identity.newUser(USER);
            u.setFirstName("规则");
            u.setLastName("测试");
            u.setPassword(PASSWORD);
            identity.saveUser(u);
        }
    }

    MvcResult send(String body) throws Exception {
        return mvc.perform(post("/api/v1/recognition/evaluate").contentType(MediaType.APPLICATION_JSON).content(body)
                .with(csrf())).andReturn();
    }

    @Test
    void httpBasicCallerIsServed() throws Exception {
        mvc.perform(post("/api/v1/recognition/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ruleSet\":\"yuxi-2024\",\"year\":2024,\"items\":[{\"activityType\":\"PUBLIC_COURSE\",\"count\":2}]}")
                        .with(httpBasic(USER, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].hours").value(10.0))
                .andExpect(jsonPath("$.items[0].fullYear").value("NONE"))
                .andExpect(jsonPath("$.requirement.total").value(90.0))
                .andExpect(jsonPath("$.requirement.public").value(0.0))
                .andExpect(jsonPath("$.requirement.professional").value(60.0))
                .andExpect(jsonPath("$.compliant").value(false));
    }

    @Test
    void withoutCredentials401() throws Exception {
        mvc.perform(post("/api/v1/recognition/evaluate").contentType(MediaType.APPLICATION_JSON).content("{}").with(csrf()))
                .andExpect(status().isUnauthorized());
    }

    @ParameterizedTest(name = "{0}")
    @WithMockUser("rulesErrors")
    @CsvSource(delimiter = '|', value = {
        "unknown rule set|{\"ruleSet\":\"mars-2030\",\"year\":2030,\"items\":[]}|ruleSet|规则集",
        "missing rule set|{\"year\":2026,\"items\":[]}|ruleSet|规则集",
        "year before first year|{\"ruleSet\":\"jilin-2026\",\"year\":2025,\"items\":[]}|year|2026",
        "missing year|{\"ruleSet\":\"jilin-2026\",\"items\":[]}|year|年度",
        "year not a number|{\"ruleSet\":\"jilin-2026\",\"year\":\"abc\",\"items\":[]}|year|year",
        "null items|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":null}|items|活动清单",
        "items not a list|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":{}}|items|items",
        "item not an object|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[1]}|items[0]|items",
        "null item|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[null]}|items[0]|第 1 项",
        "unknown activity type|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"TEACHING\"}]}|items[0].activityType|TEACHING",
        "missing activity type|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"days\":1}]}|items[0].activityType|活动类型",
        "missing rank|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"PATENT\",\"patentType\":\"DESIGN\"}]}|items[0].rank|排名",
        "rank below 1|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"PATENT\",\"patentType\":\"DESIGN\",\"rank\":0}]}|items[0].rank|不能小于 1",
        "negative days|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"UNIT_PRACTICE\",\"days\":-1}]}|items[0].days|不能小于 0",
        "non-whole days|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"UNIT_PRACTICE\",\"days\":1.5}]}|items[0].days|整数",
        "non-whole months|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"DEGREE_EDUCATION\",\"months\":2.5}]}|items[0].months|整数",
        "months out of range|{\"ruleSet\":\"qingdao-2023\",\"year\":2023,\"items\":[{\"activityType\":\"AID_SERVICE\",\"months\":13}]}|items[0].months|不能大于 12",
        "non-whole count|{\"ruleSet\":\"yuxi-2024\",\"year\":2024,\"items\":[{\"activityType\":\"PUBLIC_COURSE\",\"count\":0.5}]}|items[0].count|整数",
        "non-numeric hours|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"SELF_STUDY\",\"hours\":\"ten\"}]}|items[0].hours|必须是数字",
        "boolean hours|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"SELF_STUDY\",\"hours\":true}]}|items[0].hours|必须是数字",
        "missing duration|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"UNIT_PRACTICE\"}]}|items[0].days|至少需要填写",
        "missing hours or count|{\"ruleSet\":\"anhui-2025\",\"year\":2025,\"items\":[{\"activityType\":\"ONLINE_COURSE\"}]}|items[0].hours|至少需要填写",
        "abroad conference without days|{\"ruleSet\":\"anhui-2025\",\"year\":2025,\"items\":[{\"activityType\":\"CONFERENCE\",\"level\":\"INTERNATIONAL\"}]}|items[0].days|天数",
        "unknown enum value|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"PATENT\",\"patentType\":\"SOFTWARE\",\"rank\":1}]}|items[0].patentType|无效",
        "enum not a string|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"PATENT\",\"patentType\":3,\"rank\":1}]}|items[0].patentType|取值代码",
        "county research in Jilin|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"RESEARCH_PROJECT\",\"level\":\"COUNTY\",\"role\":\"HOST\"}]}|items[0].level|NATIONAL（国家级）、PROVINCIAL（省部级）",
        "sole-author book in Jilin|{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"BOOK\",\"role\":\"SOLE_AUTHOR\"}]}|items[0].role|CHIEF_EDITOR（主编）",
        "Anhui main contributor without rank|{\"ruleSet\":\"anhui-2025\",\"year\":2025,\"items\":[{\"activityType\":\"RESEARCH_PROJECT\",\"level\":\"NATIONAL\",\"role\":\"MAIN_CONTRIBUTOR\"}]}|items[0].rank|排名",
        "malformed json|{\"ruleSet\": \"jilin-2026\", |''|JSON",
        "empty body|''|''|请求体"})
    void badInputIsA400NamingTheField(String name, String body, String field, String detailContains) throws Exception {
        MvcResult r = send(body);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(400);
        assertThat(r.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(r.getResponse().getContentAsByteArray());
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).contains(detailContains);
    }

    @Test
    @WithMockUser("rulesErrors")
    void moreThan500ItemsIsA400() throws Exception {
        StringBuilder sb = new StringBuilder("{\"ruleSet\":\"yuxi-2024\",\"year\":2024,\"items\":[");
        for (int i = 0; i < 501; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"activityType\":\"PUBLIC_COURSE\"}");
        }
        MvcResult r = send(sb.append("]}").toString());
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(JSON.readTree(r.getResponse().getContentAsByteArray()).get("detail").asText()).contains("500");
    }

    @Test
    @WithMockUser("rulesErrors")
    void unknownExtraFieldsAreIgnored() throws Exception {
        mvc.perform(post("/api/v1/recognition/evaluate").contentType(MediaType.APPLICATION_JSON).with(csrf())
                        .content("{\"ruleSet\":\"yuxi-2024\",\"year\":2024,\"extra\":1,\"items\":[{\"activityType\":\"PUBLIC_COURSE\",\"colour\":\"red\"}]}"))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    /** Thousands of random and mutated bodies: the answer is always 200 or 400, never 500. */
    @Test
    @WithMockUser("rulesFuzz")
    void randomAndMutatedBodiesNeverGive500() throws Exception {
        Random random = new Random(20260101L);
        String[] seeds = {
            "{\"ruleSet\":\"jilin-2026\",\"year\":2026,\"items\":[{\"activityType\":\"PATENT\",\"patentType\":\"INVENTION\",\"rank\":2},{\"activityType\":\"UNIT_ACTIVITY\",\"minutes\":100,\"characters\":2500}]}",
            "{\"ruleSet\":\"qingdao-2023\",\"year\":2023,\"items\":[{\"activityType\":\"LONG_ABSENCE\",\"reason\":\"ABROAD\",\"months\":7},{\"activityType\":\"LANGUAGE_EXAM\",\"grade\":\"A\",\"score\":61}]}",
            "{\"ruleSet\":\"yuxi-2024\",\"year\":2024,\"items\":[{\"activityType\":\"AWARD\",\"level\":\"NATIONAL\",\"rank\":4},{\"activityType\":\"BOOK\",\"characters\":30000}]}",
            "{\"ruleSet\":\"anhui-2025\",\"year\":2025,\"items\":[{\"activityType\":\"CONFERENCE\",\"level\":\"NATIONAL\",\"paperCharacters\":2001},{\"activityType\":\"ONLINE_COURSE\",\"count\":3,\"subject\":\"PUBLIC\"}]}"};
        String[] tokens = {"null", "true", "-1", "0", "1.5", "1e400", "-1e-9", "\"\"", "\"A\"", "[]", "{}", "99999999999999999999",
            "\"NATIONAL\"", "\"PATENT\"", "2026", "\"jilin-2026\"", "[null]", "\"\\u0000\"", "12", "13", "0.0000001", "\"1\""};
        String[] keys = {"ruleSet", "year", "items", "activityType", "level", "role", "grade", "journal", "patentType", "reason",
            "rank", "days", "partialDays", "minutes", "months", "hours", "count", "characters", "paperCharacters", "score", "subject"};
        int served = 0;
        for (int n = 0; n < 3000; n++) {
            String body;
            int mode = random.nextInt(4);
            if (mode == 0) {
                // byte-level mutation of a valid body
                StringBuilder sb = new StringBuilder(seeds[random.nextInt(seeds.length)]);
                for (int k = random.nextInt(4); k >= 0; k--) {
                    int at = random.nextInt(sb.length());
                    switch (random.nextInt(3)) {
                        case 0 -> sb.deleteCharAt(at);
                        case 1 -> sb.insert(at, "{}[],:\"0-9.e".charAt(random.nextInt(12)));
                        default -> sb.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
                body = sb.toString();
            } else {
                // structurally valid JSON with random keys and values
                JsonNode tree = JSON.readTree(seeds[random.nextInt(seeds.length)]);
                var items = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("items");
                for (int k = random.nextInt(5); k >= 0; k--) {
                    var target = random.nextInt(3) == 0 ? (com.fasterxml.jackson.databind.node.ObjectNode) tree
                            : (com.fasterxml.jackson.databind.node.ObjectNode) items.get(random.nextInt(items.size()));
                    String key = keys[random.nextInt(keys.length)];
                    if (random.nextInt(5) == 0) {
                        target.remove(key);
                    } else {
                        target.set(key, JSON.readTree(tokens[random.nextInt(tokens.length)]));
                    }
                    if (!tree.path("items").isArray()) {
                        break;
                    }
                }
                body = JSON.writeValueAsString(tree);
            }
            MvcResult r = send(body);
            int status = r.getResponse().getStatus();
            assertThat(status).as(body + " -> " + r.getResponse().getContentAsString()).isIn(200, 400);
            if (status == 400) {
                assertThat(JSON.readTree(r.getResponse().getContentAsByteArray()).get("detail").asText()).isNotBlank();
            } else {
                served++;
            }
        }
        assertThat(served).isPositive();
    }
}
