-- Connections to source and target systems. Secret settings are stored encrypted by the server
-- (AES-GCM with the tenant key); no table holds a secret in clear. (VALUE is reserved in H2.)

CREATE TABLE connections (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL UNIQUE,
    connector  VARCHAR(63)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE connection_values (
    connection_id VARCHAR(36)  NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    setting_name  VARCHAR(100) NOT NULL,
    setting_value VARCHAR(4000) NOT NULL,
    PRIMARY KEY (connection_id, setting_name)
);

CREATE TABLE connection_secrets (
    connection_id VARCHAR(36)  NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    setting_name  VARCHAR(100) NOT NULL,
    ciphertext    VARCHAR(8000) NOT NULL,
    PRIMARY KEY (connection_id, setting_name)
);
