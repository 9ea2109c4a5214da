package dev.kosmirecorder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kosmirecorder.core.format.Json;
import dev.kosmirecorder.core.model.Frame;
import dev.kosmirecorder.core.model.Opcode;
import dev.kosmirecorder.core.model.Session;
import dev.kosmirecorder.core.store.CaptureStore;
import dev.kosmirecorder.core.store.FramePage;
import dev.kosmirecorder.core.store.FrameQuery;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code show ID --frames}: the frames that pass the filters, as a table for reading or as JSON lines (one
 * object per frame) for {@code jq} and {@code grep}. Pages through the store, so a million frames never sit in
 * memory at once.
 */
final class FrameListing {
    private final CaptureStore store;
    private final Session session;
    private final FrameFilters filters;

    FrameListing(CaptureStore store, Session session, FrameFilters filters) {
        this.store = store;
        this.session = session;
        this.filters = filters;
    }

    void print(PrintWriter out, boolean json, int width) {
        Table table = new Table("SEQ", "TIME", "CONN", "DIR", "TYPE", "OPERATION", "BYTES", "PAYLOAD").flexible("OPERATION", "PAYLOAD");
        int printed = 0;
        FrameQuery query = filters.query(session.id());
        while (printed < filters.limit) {
            FramePage page = store.frames(query);
            for (Frame f : page.frames()) {
                if (printed == filters.limit) {
                    break;
                }
                if (json) {
                    out.println(Json.compact(jsonOf(f)));
                } else {
                    table.row(f.seq(), relative(f.timeMicros()), f.connectionId(), f.direction().wireName(), dash(f.message().type()),
                            dash(f.message().operationName()), f.payload().size(), preview(f));
                }
                printed++;
            }
            if (!page.hasMore()) {
                break;
            }
            query = query.after(page.nextAfterSeq());
        }
        if (!json) {
            if (printed == 0) {
                out.println("No frames match in session " + session.id() + ".");
            } else {
                table.print(out, width);
            }
        }
        out.flush();
    }

    /** One frame as a JSON line; the payload is text for text frames and base64 for binary ones. */
    ObjectNode jsonOf(Frame f) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seq", f.seq());
        o.put("connection", f.connectionId());
        o.put("dir", f.direction().wireName());
        o.put("time", session.wallTime(f.timeMicros()).toString());
        o.put("tMicros", f.timeMicros());
        o.put("opcode", f.opcode().wireName());
        o.put("type", f.message().type());
        o.put("id", f.message().id());
        o.put("operation", f.message().operationName());
        o.put("bytes", f.payload().size());
        if (f.opcode() == Opcode.TEXT && f.payload().isUtf8()) {
            o.put("payload", f.payload().text());
        } else {
            o.put("payloadBase64", f.payload().base64());
        }
        return o;
    }

    private static String preview(Frame f) {
        return f.opcode() == Opcode.TEXT && f.payload().isUtf8() ? f.payload().text() : "(" + f.opcode().wireName() + ", base64 in --json)";
    }

    private static String relative(long micros) {
        return String.format(Locale.ROOT, "%.3fs", micros / 1_000_000.0);
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
