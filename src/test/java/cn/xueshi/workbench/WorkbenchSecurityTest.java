package cn.xueshi.workbench;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.identity.Groups;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The workbench is for analysts and admins only: an employee sees no draft and calls no endpoint. */
@IntegrationTest
class WorkbenchSecurityTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestUsers users;
    @Autowired
    DraftRepository drafts;

    @Test
    void employeeCannotSeeDraftsNorCallTheWorkbench() throws Exception {
        Draft draft = drafts.save(new Draft("yuxi-2024", 1, "<definitions/>", Draft.Origin.EDITED, "someone"));
        try {
            RequestPostProcessor employee = user(users.user("wbe", "员", "工", Groups.EMPLOYEE)).roles(Groups.EMPLOYEE);
            for (String url : new String[] {"/workbench", "/workbench/rule-sets/yuxi-2024", "/workbench/drafts/" + draft.getId(),
                    "/workbench/drafts/" + draft.getId() + "/check", "/workbench/drafts/" + draft.getId() + "/download",
                    "/workbench/audit", "/workbench/audit.csv"}) {
                mvc.perform(get(url).with(employee)).andExpect(status().isForbidden());
            }
            for (String url : new String[] {"/workbench/rule-sets/yuxi-2024/drafts", "/workbench/drafts/" + draft.getId() + "/edit",
                    "/workbench/drafts/" + draft.getId() + "/deploy", "/workbench/drafts/" + draft.getId() + "/discard",
                    "/workbench/rule-sets/yuxi-2024/rollback", "/workbench/rule-sets/yuxi-2024/cases"}) {
                mvc.perform(post(url).with(employee).with(csrf()).param("comment", "x").param("version", "1")
                        .param("decision", "yuxi-2024-items")).andExpect(status().isForbidden());
            }
            mvc.perform(get("/workbench")).andExpect(status().is3xxRedirection());
        } finally {
            drafts.delete(draft);
        }
    }

    @Test
    void analystsAndAdminsOpenTheWorkbench() throws Exception {
        mvc.perform(get("/workbench").with(user(users.user("wbn", "分", "析", Groups.ANALYST)).roles(Groups.ANALYST)))
                .andExpect(status().isOk());
        mvc.perform(get("/workbench/audit").with(user(users.user("wbad", "管", "理", Groups.ADMIN)).roles(Groups.ADMIN)))
                .andExpect(status().isOk());
        mvc.perform(get("/workbench/rule-sets/unknown").with(user(users.user("wbn", "分", "析", Groups.ANALYST))
                .roles(Groups.ANALYST))).andExpect(status().isNotFound());
    }
}
