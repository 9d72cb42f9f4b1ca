CREATE TABLE "claim_links" (
	"claim_id" integer NOT NULL,
	"final_url" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_links_claim_id_final_url_pk" PRIMARY KEY("claim_id","final_url")
);
--> statement-breakpoint
CREATE TABLE "link_previews" (
	"url" text PRIMARY KEY NOT NULL,
	"final_url" text NOT NULL,
	"status" text NOT NULL,
	"title" text,
	"description" text,
	"hops" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_links_final_url_idx" ON "claim_links" USING btree ("final_url");--> statement-breakpoint
CREATE INDEX "link_previews_final_url_idx" ON "link_previews" USING btree ("final_url");