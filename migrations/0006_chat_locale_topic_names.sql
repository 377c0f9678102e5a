ALTER TABLE `chats` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `topics` ADD `names` text;
