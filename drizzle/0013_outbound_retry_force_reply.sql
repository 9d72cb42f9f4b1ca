ALTER TABLE "outbound_messages" ADD COLUMN "force_reply" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "next_attempt_at" timestamp with time zone;