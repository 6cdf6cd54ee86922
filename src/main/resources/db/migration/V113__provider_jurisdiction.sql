-- 继续教育机构的辖区 (issue 14): a provider reports only for persons whose unit lies in a jurisdiction the bureau
-- registered it for. Providers registered before this get the jurisdictions their registrar oversaw; one registered
-- by an account overseeing none (an admin) reports for nobody until a jurisdiction is set again at /providers.

CREATE TABLE xs_provider_jurisdiction (
    provider_id   BIGINT      NOT NULL REFERENCES xs_provider (id),
    jurisdiction  VARCHAR(20) NOT NULL REFERENCES xs_jurisdiction (code),
    CONSTRAINT pk_provider_jurisdiction PRIMARY KEY (provider_id, jurisdiction)
);

INSERT INTO xs_provider_jurisdiction (provider_id, jurisdiction)
SELECT DISTINCT p.id, o.jurisdiction FROM xs_provider p JOIN xs_oversight o ON o.user_id = p.registered_by;
