package cn.xueshi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class UnitAdminControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    UnitRepository units;
    @Autowired
    TestUsers users;

    String adminId;

    @BeforeEach
    void admin() {
        adminId = users.user("adm", "管", "理", Groups.ADMIN);
    }

    RequestPostProcessor asAdmin() {
        return user(adminId).roles(Groups.ADMIN);
    }

    @Test
    void adminCreatesAUnitAndSeesItListed() throws Exception {
        String code = TestUsers.uniqueId("U").toUpperCase().substring(0, 10);
        mvc.perform(post("/admin/units").with(asAdmin()).with(csrf())
                        .param("code", code).param("name", "延边大学附属医院").param("unitType", "STATE_OWNED")
                        .param("jurisdiction", "JILIN").param("ruleSet", "jilin-2026")
                        .param("competentDepartment", "吉林省卫生健康委员会"))
                .andExpect(redirectedUrl("/admin/units"));
        Unit saved = units.findByCode(code).orElseThrow();
        assertThat(saved.getName()).isEqualTo("延边大学附属医院");
        assertThat(saved.getUnitType()).isEqualTo(UnitType.STATE_OWNED);
        mvc.perform(get("/admin/units").with(asAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("延边大学附属医院")))
                .andExpect(content().string(containsString("国有企事业单位")));
    }

    @Test
    void invalidUnitShowsChineseErrorsNextToFieldsAndKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/admin/units").with(asAdmin()).with(csrf())
                        .param("code", "bad code!").param("name", "通化钢铁集团")
                        .param("unitType", "").param("jurisdiction", "MARS").param("ruleSet", "mars-2099"))
                .andExpect(status().isOk())
                .andExpect(view().name(UnitAdminController.FORM_VIEW))
                .andExpect(model().attributeHasFieldErrors("unitForm", "code", "unitType", "jurisdiction", "ruleSet"))
                .andExpect(content().string(containsString("单位编码须为 2–32 位大写字母、数字或短横线")))
                .andExpect(content().string(containsString("请选择单位类型")))
                .andExpect(content().string(containsString("value=\"通化钢铁集团\"")))
                .andExpect(content().string(containsString("is-invalid")));
    }

    @Test
    void duplicateCodeIsRefused() throws Exception {
        Unit existing = users.unit("已有单位", UnitType.NON_PUBLIC, "QINGDAO", "qingdao-2023");
        mvc.perform(post("/admin/units").with(asAdmin()).with(csrf())
                        .param("code", existing.getCode()).param("name", "另一单位").param("unitType", "NON_PUBLIC")
                        .param("jurisdiction", "QINGDAO").param("ruleSet", "qingdao-2023"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("该单位编码已被使用")));
    }

    @Test
    void adminEditsAUnitButNotItsCode() throws Exception {
        Unit unit = users.unit("旧名称", UnitType.SOCIAL_ORG, "YUXI", "yuxi-2024");
        mvc.perform(post("/admin/units/{id}", unit.getId()).with(asAdmin()).with(csrf())
                        .param("code", "HIJACK").param("name", "玉溪市新名称协会").param("unitType", "SOCIAL_ORG")
                        .param("jurisdiction", "YUXI").param("ruleSet", "yuxi-2024"))
                .andExpect(redirectedUrl("/admin/units"));
        Unit after = units.findById(unit.getId()).orElseThrow();
        assertThat(after.getName()).isEqualTo("玉溪市新名称协会");
        assertThat(after.getCode()).isEqualTo(unit.getCode());
    }

    @Test
    void unknownUnitIdIsNotFoundAndNonNumericIdIsABadRequest() throws Exception {
        mvc.perform(get("/admin/units/{id}/edit", 987654321L).with(asAdmin())).andExpect(status().isNotFound());
        mvc.perform(get("/admin/units/abc/edit").with(asAdmin())).andExpect(status().isBadRequest());
    }

    @Test
    void nonAdminsCannotManageUnits() throws Exception {
        for (String role : new String[] {Groups.EMPLOYEE, Groups.REVIEWER, Groups.BUREAU, Groups.ANALYST,
                Groups.SUPERVISOR}) {
            mvc.perform(get("/admin/units").with(user("someone").roles(role))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/units").with(user("someone").roles(role)).with(csrf())
                    .param("code", "NOPE").param("name", "x")).andExpect(status().isForbidden());
        }
    }
}
