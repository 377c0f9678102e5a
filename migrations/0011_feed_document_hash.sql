-- A feed without ETag / Last-Modified sends its whole document on every poll. The hash of the last document that
-- was stored in full (with everything else that shapes its releases) lets the next poll of the same bytes skip
-- parsing and cleaning altogether; document_items is how many releases that document held.
ALTER TABLE `feeds` ADD `document_hash` text;--> statement-breakpoint
ALTER TABLE `feeds` ADD `document_items` integer;
