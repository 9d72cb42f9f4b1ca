CREATE TABLE "callback_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"action" jsonb NOT NULL,
	"chat_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "claim_cards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_cards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"moderator_chat_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"outbound_key" text NOT NULL,
	"platform_message_id" text,
	"rendered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderator_chats" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "moderator_chats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"platform" "platform" NOT NULL,
	"chat_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"linked_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verdict_drafts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "verdict_drafts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"staff_id" integer NOT NULL,
	"chat_id" integer NOT NULL,
	"verdict" "verdict_code" NOT NULL,
	"clarification" text,
	"source" text,
	"state" text DEFAULT 'awaiting_text' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "link_code_hash" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "link_code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "routed_region" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "routed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "spike_alerted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "callback_tokens" ADD CONSTRAINT "callback_tokens_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_cards" ADD CONSTRAINT "claim_cards_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_cards" ADD CONSTRAINT "claim_cards_moderator_chat_id_moderator_chats_id_fk" FOREIGN KEY ("moderator_chat_id") REFERENCES "public"."moderator_chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderator_chats" ADD CONSTRAINT "moderator_chats_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderator_chats" ADD CONSTRAINT "moderator_chats_linked_by_staff_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_drafts" ADD CONSTRAINT "verdict_drafts_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_drafts" ADD CONSTRAINT "verdict_drafts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_drafts" ADD CONSTRAINT "verdict_drafts_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callback_tokens_created_idx" ON "callback_tokens" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_cards_claim_chat_uq" ON "claim_cards" USING btree ("claim_id","moderator_chat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moderator_chats_region_uq" ON "moderator_chats" USING btree ("platform","region_code");--> statement-breakpoint
CREATE INDEX "verdict_drafts_staff_idx" ON "verdict_drafts" USING btree ("staff_id","state");--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_link_code_hash_unique" UNIQUE("link_code_hash");