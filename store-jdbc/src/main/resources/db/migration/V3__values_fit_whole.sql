-- Schema version 3: captured text that came from outside (URLs, header lists, names, reasons) is stored whole.
-- Version 1 limited a URL to 8,000 characters, so one long `POST /?…` made every later write of the mock's audit
-- fail. 10,485,760 characters is the largest VARCHAR that both H2 and PostgreSQL accept; the store cuts anything
-- longer, with a marker saying how much was cut (ColumnFit), so no captured value can fail a write.

ALTER TABLE capture_session ALTER COLUMN name SET DATA TYPE VARCHAR(10485760);
ALTER TABLE capture_session ALTER COLUMN target SET DATA TYPE VARCHAR(10485760);
ALTER TABLE capture_session ALTER COLUMN attributes SET DATA TYPE VARCHAR(10485760);

ALTER TABLE http_exchange ALTER COLUMN request_id SET DATA TYPE VARCHAR(10485760);
ALTER TABLE http_exchange ALTER COLUMN method SET DATA TYPE VARCHAR(10485760);
ALTER TABLE http_exchange ALTER COLUMN url SET DATA TYPE VARCHAR(10485760);
ALTER TABLE http_exchange ALTER COLUMN request_headers SET DATA TYPE VARCHAR(10485760);
ALTER TABLE http_exchange ALTER COLUMN response_headers SET DATA TYPE VARCHAR(10485760);
ALTER TABLE http_exchange ALTER COLUMN error SET DATA TYPE VARCHAR(10485760);

ALTER TABLE ws_connection ALTER COLUMN request_id SET DATA TYPE VARCHAR(10485760);
ALTER TABLE ws_connection ALTER COLUMN url SET DATA TYPE VARCHAR(10485760);
ALTER TABLE ws_connection ALTER COLUMN request_headers SET DATA TYPE VARCHAR(10485760);
ALTER TABLE ws_connection ALTER COLUMN status_text SET DATA TYPE VARCHAR(10485760);
ALTER TABLE ws_connection ALTER COLUMN response_headers SET DATA TYPE VARCHAR(10485760);
ALTER TABLE ws_connection ALTER COLUMN subprotocol SET DATA TYPE VARCHAR(10485760);
ALTER TABLE ws_connection ALTER COLUMN close_reason SET DATA TYPE VARCHAR(10485760);
ALTER TABLE ws_connection ALTER COLUMN error SET DATA TYPE VARCHAR(10485760);
