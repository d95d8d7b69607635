package io.millrace.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Millrace metadata store",
        description = "Where the server keeps users, API keys, connections, projects and tasks")
public @interface PersistenceConfiguration {
    String PID = "io.millrace.persistence";

    @AttributeDefinition(
            name = "JDBC URL",
            description = "An H2 or PostgreSQL URL; empty means the H2 database in data/metadata/",
            required = false)
    String url() default "";

    @AttributeDefinition(name = "User", required = false)
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(name = "Maximum connections", min = "1", max = "100")
    int maximumPoolSize() default 8;
}
