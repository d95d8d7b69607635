package io.millrace.connector.mariadb.internal;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * The binlog client's row deserializers with temporal cells read by {@link TemporalCells}, and
 * text as bytes, decoded later in the column's own character set.
 */
final class RowDeserializers {
    private RowDeserializers() {}

    /** An event deserializer whose row events carry temporal values as the server's text. */
    static EventDeserializer eventDeserializer() {
        EventDeserializer deserializer = new EventDeserializer();
        Map<Long, TableMapEventData> tables = tableMaps(deserializer);
        deserializer.setEventDataDeserializer(EventType.WRITE_ROWS, new Write(tables));
        deserializer.setEventDataDeserializer(EventType.UPDATE_ROWS, new Update(tables));
        deserializer.setEventDataDeserializer(EventType.DELETE_ROWS, new Delete(tables));
        deserializer.setEventDataDeserializer(
                EventType.EXT_WRITE_ROWS, new Write(tables).setMayContainExtraInformation(true));
        deserializer.setEventDataDeserializer(
                EventType.EXT_UPDATE_ROWS, new Update(tables).setMayContainExtraInformation(true));
        deserializer.setEventDataDeserializer(
                EventType.EXT_DELETE_ROWS, new Delete(tables).setMayContainExtraInformation(true));
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        return deserializer;
    }

    /**
     * The table maps the deserializer collects, which row deserializers look up by table id: the
     * default write deserializer holds the same map, and only it can hand it over.
     */
    @SuppressWarnings("unchecked")
    private static Map<Long, TableMapEventData> tableMaps(EventDeserializer deserializer) {
        try {
            java.lang.reflect.Field field = EventDeserializer.class.getDeclaredField("tableMapEventByTableId");
            field.setAccessible(true);
            return (Map<Long, TableMapEventData>) field.get(deserializer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This binlog client keeps its table maps elsewhere", e);
        }
    }

    private static final class Write extends WriteRowsEventDataDeserializer {
        Write(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return TemporalCells.date(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.time(meta, in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.datetime(meta, in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.timestamp(meta, in);
        }
    }

    private static final class Update extends UpdateRowsEventDataDeserializer {
        Update(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return TemporalCells.date(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.time(meta, in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.datetime(meta, in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.timestamp(meta, in);
        }
    }

    private static final class Delete extends DeleteRowsEventDataDeserializer {
        Delete(Map<Long, TableMapEventData> tables) {
            super(tables);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return TemporalCells.date(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.time(meta, in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.datetime(meta, in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return TemporalCells.timestamp(meta, in);
        }
    }
}
