CREATE TABLE "hoax_models" (
	"version" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"model" text,
	"check" jsonb NOT NULL,
	"local_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "verdict_memory" (
	"report_id" integer PRIMARY KEY NOT NULL,
	"claim_id" integer NOT NULL,
	"verdict" "verdict_code" NOT NULL,
	"label" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "score_band" text;--> statement-breakpoint
ALTER TABLE "verdict_memory" ADD CONSTRAINT "verdict_memory_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verdict_memory" ADD CONSTRAINT "verdict_memory_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hoax_models_live_uq" ON "hoax_models" USING btree ("status") WHERE "hoax_models"."status" = 'live';--> statement-breakpoint
CREATE INDEX "verdict_memory_claim_idx" ON "verdict_memory" USING btree ("claim_id");