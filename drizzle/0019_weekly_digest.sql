ALTER TABLE "moderator_chats" ADD COLUMN "digest" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "digest" boolean DEFAULT false NOT NULL;