/**
 * The frontmatter contract of an article (see CONTRIBUTING.md). Kept apart from content.config.ts
 * so unit tests can validate frontmatter without Astro's virtual modules.
 */
import { z } from "astro/zod";
import { chapters, inventoryQuestion, QUESTION_ID } from "./inventory";

const chapterIds = chapters.map((c) => c.id) as [string, ...string[]];

const reference = z.object({
  title: z.string().min(1),
  authors: z.string().min(1),
  year: z.number().int().min(1900).max(2100),
  venue: z.string().optional(),
  url: z.url().optional(),
  note: z.string().optional(),
});

const questionId = z.string().regex(QUESTION_ID, "must look like ATT-02");

export const articleSchema = z
  .object({
    id: questionId,
    title: z.string().min(4),
    chapter: z.enum(chapterIds),
    order: z.number().int().positive(),
    tags: z.array(z.string().min(1)).min(1),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    seeds: z.array(z.string().regex(/^\d{3}$/)),
    related: z.array(questionId).default([]),
    references: z.array(reference).min(1, "at least one reference is required"),
    updated: z.coerce.date(),
  })
  .strict()
  .superRefine((data, ctx) => {
    const known = inventoryQuestion(data.id);
    if (!known) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `${data.id} is not in the inventory` });
      return;
    }
    if (known.chapter !== data.chapter) {
      ctx.addIssue({ code: "custom", path: ["chapter"], message: `${data.id} belongs to chapter ${known.chapter}` });
    }
    if (known.title !== data.title) {
      ctx.addIssue({ code: "custom", path: ["title"], message: `must be the inventory title "${known.title}"` });
    }
    if (Number(data.id.split("-")[1]) !== data.order) {
      ctx.addIssue({ code: "custom", path: ["order"], message: `must be the number in the ID (${data.id})` });
    }
    for (const rel of data.related) {
      if (!inventoryQuestion(rel)) {
        ctx.addIssue({ code: "custom", path: ["related"], message: `unknown question ${rel}` });
      }
    }
  });

export type ArticleFrontmatter = z.infer<typeof articleSchema>;
