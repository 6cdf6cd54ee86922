package cn.xueshi.workbench;

import cn.xueshi.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the workbench's web and browser tests all use: people, the saved-and-restored tables, the workbench
 * itself and the deployed versions. (Subclasses carry {@code @IntegrationTest}; the context is the shared one.)
 */
abstract class WorkbenchTestBase {

    @Autowired
    TestUsers users;
    @Autowired
    WorkbenchFixtures fixtures;
    @Autowired
    Workbench workbench;
    @Autowired
    RuleSetVersions versions;
}
