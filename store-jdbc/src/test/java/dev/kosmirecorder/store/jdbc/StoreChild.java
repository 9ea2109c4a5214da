package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A second process on a store file, for {@link SharedFileStoreTest}: {@code PATH save} saves the synthetic room and
 * prints every session id; {@code PATH hold} opens the store, prints {@code ready}, and keeps it open until its
 * stdin closes.
 */
public final class StoreChild {
    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        try (JdbcCaptureStore store = JdbcCaptureStore.open(args[0])) {
            if (args[1].equals("save")) {
                store.save(SyntheticKosmiRoom.kosmiRoom());
                store.sessions().forEach(s -> System.out.println(s.session().id()));
            } else {
                System.out.println("ready");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        }
    }
}
