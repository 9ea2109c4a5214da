package dev.kosmirecorder.replayer;

import java.util.Optional;

/**
 * A mock run in figures.
 *
 * @param clientsEnded WebSocket connections that were accepted and have ended
 * @param clientsLive connections open now
 * @param framesDown frames the mock sent in the ended connections
 * @param framesUp frames their clients sent
 * @param auditState {@code ok}, {@code shedding} (frames lost at the memory bound), {@code failed} or {@code off}
 * @param auditFramesKept frames in the audit store
 * @param auditFramesLost frames the audit could not keep
 */
public record MockStats(long clientsEnded, long clientsLive, long framesDown, long framesUp, AuditLevel auditLevel,
                        Optional<String> auditSession, String auditState, long auditFramesKept, long auditFramesLost,
                        Optional<String> auditError) { }
