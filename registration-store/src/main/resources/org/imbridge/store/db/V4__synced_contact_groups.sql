-- Schema version 4: the roster groups last sent to the user for each synced contact (XEP-0144 items),
-- so that a group change made on the legacy network while the user was away can be sent as a modify
-- at the next login. Names joined with a line feed; NULL when never sent. Portable SQL (H2, PostgreSQL).

ALTER TABLE synced_contact ADD COLUMN sent_groups VARCHAR(4000);
