-- Local users, their roles, API keys and revoked sign-in tokens.
-- Portable between H2 and PostgreSQL: the metadata store may be either.

CREATE TABLE users (
    username               VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash          VARCHAR(255) NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    credentials_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE user_roles (
    username VARCHAR(64) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    role     VARCHAR(32) NOT NULL,
    PRIMARY KEY (username, role)
);

CREATE TABLE api_keys (
    id           VARCHAR(32)  NOT NULL PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    owner        VARCHAR(64)  NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    secret_hash  VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX api_keys_owner ON api_keys (owner);

CREATE TABLE revoked_tokens (
    token_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);
