package cn.xueshi.document;

import cn.xueshi.clock.BusinessClock;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The table of issued certificates (xs_certificate), by plain SQL that runs on H2 and PostgreSQL. */
@Repository
class CertificateStore {

    /** Crockford's base32 alphabet: no I, L, O, U, so a code read aloud or typed is not misread. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    /** 20 symbols of 5 bits: 100 random bits, far beyond guessing. */
    static final int CODE_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String COLUMNS = "code, claimant, claim_year, unit_id, holder_name, family_name, unit_name, "
            + "rule_set, public_hours, professional_hours, total_hours, required_total, required_public, "
            + "required_professional, compliant, status, issued_at, superseded_at";
    private static final RowMapper<Certificate> ROW = (rs, i) -> new Certificate(rs.getString("code"),
            rs.getString("claimant"), rs.getInt("claim_year"), rs.getLong("unit_id"), rs.getString("holder_name"),
            rs.getString("family_name"), rs.getString("unit_name"), rs.getString("rule_set"),
            rs.getBigDecimal("public_hours"), rs.getBigDecimal("professional_hours"), rs.getBigDecimal("total_hours"),
            rs.getBigDecimal("required_total"), rs.getBigDecimal("required_public"),
            rs.getBigDecimal("required_professional"), rs.getBoolean("compliant"), rs.getString("status"),
            rs.getTimestamp("issued_at").toInstant(),
            rs.getTimestamp("superseded_at") == null ? null : rs.getTimestamp("superseded_at").toInstant());

    private final JdbcTemplate jdbc;

    CertificateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String newCode() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** Whether {@code code} could be a code at all (checked before any query). */
    static boolean wellFormed(String code) {
        if (code == null || code.length() != CODE_LENGTH) {
            return false;
        }
        for (char c : code.toCharArray()) {
            if (new String(ALPHABET).indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    Optional<Certificate> byCode(String code) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_certificate WHERE code = ?", ROW, code).stream().findFirst();
    }

    Optional<Certificate> bySnapshot(String claimant, int year, String fingerprint) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_certificate WHERE claimant = ? AND claim_year = ? "
                + "AND fingerprint = ?", ROW, claimant, year, fingerprint).stream().findFirst();
    }

    List<Certificate> of(String claimant, int year) {
        return jdbc.query("SELECT " + COLUMNS + " FROM xs_certificate WHERE claimant = ? AND claim_year = ? "
                + "ORDER BY issued_at", ROW, claimant, year);
    }

    void insert(Certificate c, String fingerprint) {
        jdbc.update("INSERT INTO xs_certificate (" + COLUMNS + ", fingerprint) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.code(), c.claimant(), c.year(), c.unitId(), c.holderName(), c.familyName(), c.unitName(),
                c.ruleSet(), c.publicHours(), c.professionalHours(), c.totalHours(), c.requiredTotal(),
                c.requiredPublic(), c.requiredProfessional(), c.compliant(), c.status(),
                Timestamp.from(c.issuedAt()), null, fingerprint);
    }

    /** Makes {@code current} the person's one current certificate for the year; the others become superseded. */
    void makeCurrent(String claimant, int year, String current) {
        Timestamp now = Timestamp.from(BusinessClock.now());
        jdbc.update("UPDATE xs_certificate SET superseded_at = ? WHERE claimant = ? AND claim_year = ? "
                + "AND code <> ? AND superseded_at IS NULL", now, claimant, year, current);
        jdbc.update("UPDATE xs_certificate SET superseded_at = NULL WHERE code = ?", current);
    }
}
