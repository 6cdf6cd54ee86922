package cn.xueshi.provider;

import cn.xueshi.clock.BusinessClock;
import cn.xueshi.identity.Groups;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registered providers and which account acts for which; registration is the bureau's or an admin's. */
@Service
public class Providers {

    private final JdbcTemplate jdbc;
    private final IdentityService identity;

    Providers(JdbcTemplate jdbc, IdentityService identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    /** Registers a provider for the activity types and jurisdictions given (the registrar checked they may). */
    @Transactional
    public Provider register(String code, String name, List<String> activityTypes, List<String> jurisdictions,
            String by) {
        jdbc.update("""
                INSERT INTO xs_provider (code, name, activity_types, registered_by, registered_at)
                VALUES (?, ?, ?, ?, ?)""", code, name, String.join(",", activityTypes), by,
                Timestamp.from(BusinessClock.now()));
        long id = jdbc.queryForObject("SELECT id FROM xs_provider WHERE code = ?", Long.class, code);
        for (String j : new java.util.TreeSet<>(jurisdictions)) {
            jdbc.update("INSERT INTO xs_provider_jurisdiction (provider_id, jurisdiction) VALUES (?, ?)", id, j);
        }
        return byCode(code).orElseThrow();
    }

    /** Lets {@code userId} act for the provider (and puts them in the provider group). */
    @Transactional
    public void addAccount(long providerId, String userId) {
        jdbc.update("DELETE FROM xs_provider_account WHERE user_id = ?", userId);
        jdbc.update("INSERT INTO xs_provider_account (user_id, provider_id) VALUES (?, ?)", userId, providerId);
        if (identity.createUserQuery().userId(userId).memberOfGroup(Groups.PROVIDER).count() == 0) {
            identity.createMembership(userId, Groups.PROVIDER);
        }
    }

    public Optional<Provider> byCode(String code) {
        return jdbc.query("SELECT id, code, name, activity_types FROM xs_provider WHERE code = ?", (rs, n) ->
                provider(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), code).stream().findFirst()
                .map(this::withJurisdictions);
    }

    /** The provider this account acts for, if any. */
    public Optional<Provider> of(String userId) {
        return jdbc.query("""
                SELECT p.id, p.code, p.name, p.activity_types FROM xs_provider p
                JOIN xs_provider_account a ON a.provider_id = p.id WHERE a.user_id = ?""", (rs, n) ->
                provider(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), userId).stream().findFirst()
                .map(this::withJurisdictions);
    }

    public List<Provider> all() {
        return jdbc.query("SELECT id, code, name, activity_types FROM xs_provider ORDER BY code", (rs, n) ->
                provider(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).stream()
                .map(this::withJurisdictions).toList();
    }

    private static Provider provider(long id, String code, String name, String types) {
        return new Provider(id, code, name, Arrays.stream(types.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList(), List.of());
    }

    private Provider withJurisdictions(Provider p) {
        return new Provider(p.id(), p.code(), p.name(), p.activityTypes(), jdbc.queryForList(
                "SELECT jurisdiction FROM xs_provider_jurisdiction WHERE provider_id = ? ORDER BY jurisdiction",
                String.class, p.id()));
    }
}
