CREATE TYPE "public"."broadcast_status" AS ENUM('running', 'done');--> statement-breakpoint
CREATE TYPE "public"."chat_kind" AS ENUM('private', 'group');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('new', 'in_review', 'verified', 'closed');--> statement-breakpoint
CREATE TYPE "public"."outbound_state" AS ENUM('queued', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."platform" AS ENUM('telegram', 'whatsapp', 'web');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('received', 'analyzed', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('admin', 'diskominfo', 'moderator');--> statement-breakpoint
CREATE TYPE "public"."verdict_code" AS ENUM('hoaks', 'penipuan', 'menyesatkan', 'belum_terbukti', 'benar', 'di_luar_cakupan');--> statement-breakpoint
CREATE TYPE "public"."verdict_kind" AS ENUM('community', 'official');--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"platform" "platform" NOT NULL,
	"kind" "chat_kind" NOT NULL,
	"chat_key" text NOT NULL,
	"address_enc" text NOT NULL,
	"resident_id" integer,
	"title" text,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pseudonym" text NOT NULL,
	"platform" "platform" NOT NULL,
	"region_code" text,
	"blocked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_pseudonym_unique" UNIQUE("pseudonym")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"region_code" text NOT NULL,
	"token_hash" text NOT NULL,
	"telegram_user_key" text,
	"telegram_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "staff_telegram_user_key_unique" UNIQUE("telegram_user_key")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"external_id" text,
	"status" "claim_status" DEFAULT 'new' NOT NULL,
	"text" text NOT NULL,
	"basic_text" text NOT NULL,
	"basic_hash" text NOT NULL,
	"normalized_text" text,
	"region_code" text,
	"score" double precision,
	"signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1000 CACHE 1),
	"dedupe_key" text NOT NULL,
	"platform" "platform" NOT NULL,
	"resident_id" integer NOT NULL,
	"chat_id" integer NOT NULL,
	"platform_message_id" text NOT NULL,
	"raw_text" text,
	"basic_text" text,
	"normalized_text" text,
	"media_kind" text,
	"media_fingerprint" text,
	"forwarded" boolean DEFAULT false NOT NULL,
	"status" "report_status" DEFAULT 'received' NOT NULL,
	"claim_id" integer,
	"match_level" text,
	"similarity" double precision,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"analyzed_at" timestamp with time zone,
	CONSTRAINT "reports_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "verdicts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "verdicts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"verdict" "verdict_code" NOT NULL,
	"kind" "verdict_kind" NOT NULL,
	"clarification" text NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"staff_id" integer,
	"current" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "broadcasts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"regions" jsonb NOT NULL,
	"platforms" jsonb NOT NULL,
	"status" "broadcast_status" DEFAULT 'running' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbound_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"platform" "platform" NOT NULL,
	"chat_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"body" text NOT NULL,
	"buttons" jsonb,
	"reply_to_message_id" text,
	"state" "outbound_state" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"platform_message_id" text,
	"report_id" integer,
	"broadcast_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbound_messages_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "chats_platform_key_uq" ON "chats" USING btree ("platform","chat_key");--> statement-breakpoint
CREATE INDEX "chats_region_idx" ON "chats" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_basic_hash_uq" ON "claims" USING btree ("basic_hash") WHERE "claims"."external_id" is null;--> statement-breakpoint
CREATE INDEX "claims_status_idx" ON "claims" USING btree ("status");--> statement-breakpoint
CREATE INDEX "reports_claim_idx" ON "reports" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "reports_resident_idx" ON "reports" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "verdicts_current_uq" ON "verdicts" USING btree ("claim_id") WHERE "verdicts"."current";--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "outbound_state_idx" ON "outbound_messages" USING btree ("state");--> statement-breakpoint
CREATE INDEX "outbound_broadcast_idx" ON "outbound_messages" USING btree ("broadcast_id");