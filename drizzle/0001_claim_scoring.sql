ALTER TABLE "claims" ADD COLUMN "scam_candidate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_updated_idx" ON "claims" USING btree ("updated_at");