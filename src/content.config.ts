import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { articleSchema } from "./lib/article-schema";

const articles = defineCollection({
  loader: glob({
    pattern: "**/*.mdx",
    base: "./content",
    // Key entries by question ID: the permanent identifier, independent of folder and slug.
    generateId: ({ data, entry }) => (typeof data.id === "string" ? data.id : entry),
  }),
  // A file that breaks the contract fails the build with its path and the offending field.
  schema: articleSchema,
});

export const collections = { articles };
