package io.millrace.connector.testkit;

import org.junit.jupiter.api.Nested;

/**
 * Every suite of the kit against one {@link SourceUnderTest}: a connector's test class extends this
 * and says what its source is; each suite runs as a nested class. Suites a connector cannot take
 * part in (change capture, incremental reads) skip themselves.
 */
public abstract class SourceConnectorKit {
    /** The connector and its database, the same for every test of the class. */
    protected abstract SourceUnderTest source();

    @Nested
    class Catalog extends CatalogSuite {
        @Override
        protected SourceUnderTest source() {
            return SourceConnectorKit.this.source();
        }
    }

    @Nested
    class FullLoad extends FullLoadSuite {
        @Override
        protected SourceUnderTest source() {
            return SourceConnectorKit.this.source();
        }
    }

    @Nested
    class TypeRoundTrip extends TypeRoundTripSuite {
        @Override
        protected SourceUnderTest source() {
            return SourceConnectorKit.this.source();
        }
    }

    @Nested
    class Incremental extends IncrementalSuite {
        @Override
        protected SourceUnderTest source() {
            return SourceConnectorKit.this.source();
        }
    }

    @Nested
    class ChangeOrdering extends ChangeOrderingSuite {
        @Override
        protected SourceUnderTest source() {
            return SourceConnectorKit.this.source();
        }
    }

    @Nested
    class Restart extends RestartSuite {
        @Override
        protected SourceUnderTest source() {
            return SourceConnectorKit.this.source();
        }
    }

    @Nested
    class SchemaEvolution extends SchemaEvolutionSuite {
        @Override
        protected SourceUnderTest source() {
            return SourceConnectorKit.this.source();
        }
    }
}
