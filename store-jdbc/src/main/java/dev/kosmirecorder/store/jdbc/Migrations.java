package dev.kosmirecorder.store.jdbc;

import dev.kosmirecorder.core.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.scanner.Scanner;
import org.h2.tools.RunScript;

/**
 * Brings a store's schema up to date with one set of Flyway migrations for every database: the shared scripts in
 * {@code db/migration} run everywhere, and a script in the vendor's folder ({@code db/vendor/postgresql}) takes
 * the place of the shared script of the same version on that database only. A vendor script exists only where
 * the SQL must differ (today: V1, whose {@code BLOB}/{@code VARBINARY} PostgreSQL spells {@code BYTEA}); every
 * later migration is written once, in SQL both databases accept, and the store's contract tests run on both.
 */
final class Migrations {
    static final String SHARED = "db/migration";
    /** The shared scripts in version order, as Flyway finds them (MigrationsTest holds the two lists equal). */
    static final List<String> SHARED_SCRIPTS = List.of("V1__capture_schema.sql", "V3__values_fit_whole.sql");
    private static final Pattern VERSION = Pattern.compile("^V([0-9._]+)__");

    private Migrations() {
    }

    static void migrate(DataSource dataSource, StoreVendor vendor, StoreLocation location) {
        try {
            FluentConfiguration config = Flyway.configure(JdbcCaptureStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .table("schema_history")
                    .loggers("slf4j");
            String vendorFolder = vendor.overrideLocation();
            if (vendorFolder == null) {
                config.locations("classpath:" + SHARED);
            } else {
                config.locations("classpath:" + SHARED, "classpath:" + vendorFolder);
                ResourceProvider all = new Scanner<>(JavaMigration.class, config, config.getLocations());
                config.resourceProvider(new VendorFirst(all, vendorFolder));
            }
            config.load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("the store's schema could not be brought up to date: " + location.redact(e.getMessage())
                    + "; if this store was written by a newer kosmi-recorder, update kosmi-recorder", null);
        }
    }

    /**
     * Writes the schema into a new, empty H2 database by running the shared scripts in order, without Flyway and its
     * history table: for a store that no one will ever open again ({@link JdbcCaptureStore#createScratch}).
     */
    static void createFresh(DataSource dataSource, StoreLocation location) {
        try (Connection c = dataSource.getConnection()) {
            for (String script : SHARED_SCRIPTS) {
                try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(SHARED + "/" + script)) {
                    if (in == null) {
                        throw new IllegalStateException("the migration " + SHARED + "/" + script + " is missing from the build");
                    }
                    RunScript.execute(c, new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("the store's schema could not be written: " + location.redact(e.getMessage()), null);
        }
    }

    /** Every resource, except a shared migration whose version the vendor's folder also has. */
    private record VendorFirst(ResourceProvider delegate, String vendorFolder) implements ResourceProvider {
        @Override
        public LoadableResource getResource(String name) {
            return delegate.getResource(name);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
            Collection<LoadableResource> found = delegate.getResources(prefix, suffixes);
            Set<String> vendorVersions = new HashSet<>();
            for (LoadableResource r : found) {
                if (inVendorFolder(r)) {
                    version(r).ifPresent(vendorVersions::add);
                }
            }
            List<LoadableResource> kept = new ArrayList<>();
            for (LoadableResource r : found) {
                boolean replaced = !inVendorFolder(r) && version(r).map(vendorVersions::contains).orElse(false);
                if (!replaced) {
                    kept.add(r);
                }
            }
            return kept;
        }

        private boolean inVendorFolder(LoadableResource r) {
            return r.getAbsolutePath().replace('\\', '/').contains(vendorFolder + "/");
        }

        private static java.util.Optional<String> version(LoadableResource r) {
            Matcher m = VERSION.matcher(r.getFilename());
            return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
        }
    }
}
