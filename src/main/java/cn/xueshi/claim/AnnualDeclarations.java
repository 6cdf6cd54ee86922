package cn.xueshi.claim;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one annual declaration a person may make under rule sets that allow only one (年度申报), kept in
 * {@code xs_annual_declaration} whose unique key on (claimant, year) decides a race between two tabs.
 * Plain SQL: the table has no entity, it is only a guard.
 */
@Component
public class AnnualDeclarations {

    private final JdbcTemplate jdbc;
    private final RegistrationPolicy policies;

    AnnualDeclarations(JdbcTemplate jdbc, RegistrationPolicy policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    /** Records the claim as the person's declaration of its year, or refuses a second one. */
    void declare(Claim claim) {
        if (declared(claim.getClaimant(), claim.getYear())) {
            throw new AlreadyDeclared(claim.getYear());
        }
        try {
            jdbc.update("INSERT INTO xs_annual_declaration (claimant, claim_year, claim_id) VALUES (?, ?, ?)",
                    claim.getClaimant(), claim.getYear(), claim.getId());
        } catch (DataIntegrityViolationException e) {
            throw new AlreadyDeclared(claim.getYear());
        }
    }

    /** Whether the person has already made this year's one declaration (rule sets that allow only one). */
    public boolean hasDeclared(String claimant, int year, String ruleSet) {
        return policies.of(ruleSet).annualDeclaration() && declared(claimant, year);
    }

    private boolean declared(String claimant, int year) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xs_annual_declaration WHERE claimant = ? AND claim_year = ?",
                Integer.class, claimant, year);
        return n != null && n > 0;
    }
}
