package dev.kosmirecorder.store.jdbc;

/** The writer's contract on H2 in memory. */
class H2CaptureWriterTest extends CaptureWriterContract {
    @Override
    protected JdbcCaptureStore openStore() {
        return JdbcCaptureStore.open(StoreLocation.inMemory("writer-test-" + System.nanoTime()));
    }
}
