package io.millrace.engine.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.TableDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the types of a table's columns changed between two looks at the source's catalog, and what
 * landing makes of it: a column whose new type holds the old one is widened in the target; one
 * whose old type holds the new one (a narrower type) keeps its target column, which holds every
 * new value; a column where neither holds the other cannot go on landing.
 *
 * @param wider the columns, as the source has them now, whose landing columns must widen
 * @param incompatible the changes that cannot land, as a user reads them
 * @param landed the table as landing holds it: the source's columns now, with the narrowed ones
 *     at their earlier, wider type
 */
record TypeChanges(List<ColumnDescription> wider, List<String> incompatible, TableDescription landed) {
    static TypeChanges between(TableDescription before, TableDescription after) {
        List<ColumnDescription> wider = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        List<ColumnDescription> landed = new ArrayList<>();
        for (ColumnDescription now : after.columns()) {
            Optional<ColumnDescription> earlier = before.columns().stream()
                    .filter(column -> column.name().equals(now.name()))
                    .findFirst();
            if (earlier.isEmpty() || earlier.get().type().equals(now.type())) {
                landed.add(now);
            } else if (earlier.get().type().holds(now.type())) {
                landed.add(earlier.get());
            } else if (now.type().holds(earlier.get().type())) {
                wider.add(now);
                landed.add(now);
            } else {
                incompatible.add("the type of column " + now.name() + " from "
                        + earlier.get().sourceType() + " to " + now.sourceType());
                landed.add(now);
            }
        }
        return new TypeChanges(
                List.copyOf(wider),
                List.copyOf(incompatible),
                new TableDescription(
                        after.schema(),
                        after.name(),
                        after.partitioned(),
                        landed,
                        after.primaryKey(),
                        after.estimatedRows()));
    }

    /** Whether landing must do something about the changes. */
    boolean matter() {
        return !wider.isEmpty() || !incompatible.isEmpty();
    }
}
