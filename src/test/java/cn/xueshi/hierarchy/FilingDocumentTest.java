package cn.xueshi.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xueshi.hierarchy.DerivedRuleSet.OwnerKind;
import cn.xueshi.identity.Groups;
import cn.xueshi.identity.Unit;
import cn.xueshi.support.IntegrationTest;
import cn.xueshi.support.TestUsers;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * The supporting document of a filing (备案文件): uploaded with the submission, checked like evidence (bad files are
 * refused beside the field and nothing is saved), seen and opened by the submitting side, the filing authority and
 * admins only (404 for anyone else, whatever ids they try), replaced on a resubmission after 退回, audited.
 */
@IntegrationTest
class FilingDocumentTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    HierarchyFixtures fixtures;
    @Autowired
    Derivations derivations;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService taskService;

    record Setup(Department department, Unit unit, String maintainer, String staff, String key) {
    }

    Setup setup() {
        Department dept = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        Unit unit = fixtures.unit("JILIN", "jilin-2026", dept);
        String maintainer = fixtures.maintainerOf(OwnerKind.UNIT, String.valueOf(unit.getId()));
        String staff = staffOf(dept);
        String key = HierarchyFixtures.unique("d");
        derivations.create(key, "测试实施细则" + key, OwnerKind.UNIT, String.valueOf(unit.getId()), "jilin-2026", maintainer);
        derivations.edit(key, d -> d.withChange(new Delta.Change("items", "jl-paper-3", "base", "30")), maintainer, "论文");
        return new Setup(dept, unit, maintainer, staff, key);
    }

    String staffOf(Department d) {
        String id = users.user("dp", "钱", "备案", Groups.DEPARTMENT);
        jdbc.update("INSERT INTO xs_department_member (user_id, department_code) VALUES (?, ?)", id, d.getCode());
        return id;
    }

    MockMultipartHttpServletRequestBuilder submit(String key, MockMultipartFile file) {
        MockMultipartHttpServletRequestBuilder b = multipart("/rule-sets/" + key + "/submit");
        if (file != null) {
            b.file(file);
        }
        b.param("reason", "结合本院实际").param("documentRef", "吉医人〔2026〕9号").param("effectiveFrom", "2026-01-01");
        b.header("Accept-Language", "zh-CN");
        return b;
    }

    static MockMultipartFile file(String name, String type, byte[] content) {
        return new MockMultipartFile("document", name, type, content);
    }

    static MockMultipartFile pdf(String name) {
        return file(name, "application/pdf", HierarchyFixtures.pdf(name, "Hospital rules, revision").content());
    }

    String refused(Setup s, MockMultipartFile file) throws Exception {
        String html = mvc.perform(submit(s.key(), file).with(user(s.maintainer()).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // nothing half-saved: the draft stays a draft, no file kept, no process started
        RuleSetVersion v = derivations.latest(s.key());
        assertThat(v.getStatus()).isEqualTo(RuleSetVersion.Status.DRAFT);
        assertThat(v.getProcessInstanceId()).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xs_evidence WHERE rule_set_version_id = ?", Integer.class,
                v.getId())).isZero();
        // what was typed stays in the form
        assertThat(html).contains("吉医人〔2026〕9号").contains("结合本院实际").contains("is-invalid");
        return html;
    }

    @Test
    void badFilesAreRefusedBesideTheFieldAndNothingIsSaved() throws Exception {
        Setup s = setup();
        assertThat(refused(s, null)).contains("备案文件未保存：请选择要上传的文件");
        assertThat(refused(s, file("空文件.pdf", "application/pdf", new byte[0]))).contains("是空文件");
        assertThat(refused(s, file("通知.pdf", "application/pdf", "<html>not a pdf</html>".getBytes())))
                .contains("不是 PDF、JPG 或 PNG 文件");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        byte[] head = "%PDF-1.7\n".getBytes();
        System.arraycopy(head, 0, big, 0, head.length);
        assertThat(refused(s, file("太大.pdf", "application/pdf", big))).contains("超过 10 MB");
        // a PDF that only starts like one does not open
        assertThat(refused(s, file("假.pdf", "application/pdf", "%PDF-1.4 broken".getBytes()))).contains("无法作为");
    }

    @Test
    void theSubmittingSideTheAuthorityAndAdminsOpenItNobodyElse() throws Exception {
        Setup s = setup();
        mvc.perform(submit(s.key(), pdf("吉医人〔2026〕9号.pdf")).with(user(s.maintainer()).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().is3xxRedirection());
        RuleSetVersion v = derivations.latest(s.key());
        assertThat(v.getStatus()).isEqualTo(RuleSetVersion.Status.FILING);
        String path = "/rule-sets/" + s.key() + "/versions/" + v.getVersion() + "/document";

        // the submitter and the department's filing staff read it back as the PDF it was
        for (String who : List.of(s.maintainer(), s.staff())) {
            byte[] body = mvc.perform(get(path).with(user(who).roles(Groups.RULE_MAINTAINER)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            try (PDDocument doc = Loader.loadPDF(body)) {
                assertThat(new PDFTextStripper().getText(doc)).contains("Hospital rules, revision");
            }
        }
        String admin = users.user("ad", "管", "理", Groups.ADMIN);
        mvc.perform(get(path).with(user(admin).roles(Groups.ADMIN))).andExpect(status().isOk());

        // anyone else: 404, and so for other ids
        Department other = fixtures.department("JILIN", Department.Level.PROVINCIAL);
        String otherStaff = staffOf(other);
        String otherMaintainer = fixtures.maintainerOf(OwnerKind.UNIT, String.valueOf(fixtures.unit("JILIN", "jilin-2026", other).getId()));
        String employee = users.user("em", "孙", "员工", Groups.EMPLOYEE);
        String analyst = users.user("an", "周", "分析", Groups.ANALYST);
        for (String who : List.of(otherStaff, otherMaintainer, employee, analyst)) {
            mvc.perform(get(path).with(user(who).roles(Groups.EMPLOYEE))).andExpect(status().isNotFound());
        }
        mvc.perform(get("/rule-sets/" + s.key() + "/versions/" + (v.getVersion() + 1) + "/document")
                .with(user(s.maintainer()).roles(Groups.RULE_MAINTAINER))).andExpect(status().isNotFound());
        mvc.perform(get("/rule-sets/no-such-set/versions/1/document").with(user(admin).roles(Groups.ADMIN)))
                .andExpect(status().isNotFound());
        String theirs = fixtures.filed(OwnerKind.DEPARTMENT, other.getCode(), "jilin-2026", Delta.empty(),
                java.time.LocalDate.of(2026, 1, 1));
        mvc.perform(get("/rule-sets/" + theirs + "/versions/1/document").with(user(s.maintainer())
                .roles(Groups.RULE_MAINTAINER))).andExpect(status().isNotFound());

        // the review task and the version page link it
        Task task = taskService.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult();
        String review = mvc.perform(get("/rule-sets/filing-tasks/" + task.getId()).with(user(s.staff())
                .roles(Groups.DEPARTMENT)).header("Accept-Language", "zh-CN")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(review).contains("filing-document").contains("吉医人〔2026〕9号.pdf").contains(path);
        String page = mvc.perform(get("/rule-sets/" + s.key()).with(user(s.maintainer())
                .roles(Groups.RULE_MAINTAINER)).header("Accept-Language", "zh-CN")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("document-v" + v.getVersion()).contains("上传备案文件");
    }

    @Test
    void aResubmissionAfterReturnMayReplaceIt() throws Exception {
        Setup s = setup();
        mvc.perform(submit(s.key(), pdf("第一稿.pdf")).with(user(s.maintainer()).roles(Groups.RULE_MAINTAINER))
                .with(csrf())).andExpect(status().is3xxRedirection());
        RuleSetVersion v = derivations.latest(s.key());
        Task review = taskService.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult();
        mvc.perform(multipart("/rule-sets/filing-tasks/" + review.getId() + "/decision").param("decision", "RETURN")
                .param("comments", "请附正式印发的文件").with(user(s.staff()).roles(Groups.DEPARTMENT)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        Task revise = taskService.createTaskQuery().processInstanceId(v.getProcessInstanceId()).singleResult();

        // a bad replacement is refused beside the field; the first document stays
        String html = mvc.perform(multipart("/rule-sets/filing-tasks/" + revise.getId() + "/resubmit")
                .file(file("x.png", "image/png", "not an image".getBytes())).param("reason", "已附正式文件")
                .header("Accept-Language", "zh-CN").with(user(s.maintainer()).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("备案文件未保存").contains("已附正式文件");
        assertThat(derivations.latest(s.key()).getStatus()).isEqualTo(RuleSetVersion.Status.RETURNED);
        assertThat(jdbc.queryForObject("SELECT file_name FROM xs_evidence WHERE rule_set_version_id = ?", String.class,
                v.getId())).isEqualTo("第一稿.pdf");

        mvc.perform(multipart("/rule-sets/filing-tasks/" + revise.getId() + "/resubmit").file(pdf("正式印发稿.pdf"))
                .param("reason", "已附正式文件").with(user(s.maintainer()).roles(Groups.RULE_MAINTAINER)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(derivations.latest(s.key()).getStatus()).isEqualTo(RuleSetVersion.Status.FILING);
        assertThat(jdbc.queryForList("SELECT file_name FROM xs_evidence WHERE rule_set_version_id = ?", String.class,
                v.getId())).containsExactly("正式印发稿.pdf");
        assertThat(jdbc.queryForList("SELECT action FROM xs_rule_set_audit WHERE rule_set_key = ? ORDER BY id",
                String.class, s.key())).containsSubsequence("SUBMITTED", "DOCUMENT", "RETURNED", "RESUBMITTED",
                        "DOCUMENT_REPLACED");
    }
}
