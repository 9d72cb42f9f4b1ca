CREATE TABLE "claim_media" (
	"claim_id" integer NOT NULL,
	"media_id" integer NOT NULL,
	"source" text DEFAULT 'import' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_media_claim_id_media_id_pk" PRIMARY KEY("claim_id","media_id")
);
--> statement-breakpoint
CREATE TABLE "media_objects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "media_objects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text,
	"size_bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"phash" bigint,
	"ocr_text" text,
	"ocr_confidence" double precision,
	"ocr_words" integer,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_objects_sha256_unique" UNIQUE("sha256")
);
--> statement-breakpoint
CREATE TABLE "report_media" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_media_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"media_id" integer,
	"kind" text NOT NULL,
	"source_ref" text,
	"mime" text,
	"declared_bytes" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "media_id" integer;--> statement-breakpoint
ALTER TABLE "claim_media" ADD CONSTRAINT "claim_media_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_media" ADD CONSTRAINT "claim_media_media_id_media_objects_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_media" ADD CONSTRAINT "report_media_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_media" ADD CONSTRAINT "report_media_media_id_media_objects_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_objects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_media_media_idx" ON "claim_media" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "media_objects_phash_idx" ON "media_objects" USING btree ("phash");--> statement-breakpoint
CREATE UNIQUE INDEX "report_media_report_uq" ON "report_media" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "report_media_media_idx" ON "report_media" USING btree ("media_id");