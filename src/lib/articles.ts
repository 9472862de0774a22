/**
 * Published articles joined with the inventory. Everything that lists questions goes through here,
 * so a question without an article is never rendered as a link.
 */
import { type CollectionEntry, getCollection, render } from "astro:content";
import { type InventoryQuestion, inventoryQuestion, questions, questionsOfChapter } from "./inventory";

export type Article = CollectionEntry<"articles">;

export interface ArticleFacts {
  answerText: string;
  answerHtml: string;
  hasDemo: boolean;
  hasCell: boolean;
}

export interface IndexRow {
  question: InventoryQuestion;
  article?: Article;
  facts?: ArticleFacts;
}

let cache: Promise<Map<string, { article: Article; facts: ArticleFacts }>> | undefined;

/** Every published article by question ID, with facts extracted from its rendered body. */
export function publishedArticles() {
  cache ??= loadPublished();
  return cache;
}

async function loadPublished() {
  const entries = await getCollection("articles");
  const out = new Map<string, { article: Article; facts: ArticleFacts }>();
  for (const article of entries) {
    const known = inventoryQuestion(article.data.id);
    const fileSlug = article.filePath
      ?.split("/")
      .pop()
      ?.replace(/\.mdx$/, "");
    if (!known || fileSlug !== known.slug) {
      throw new Error(
        `${article.filePath}: file name must be the inventory slug "${known?.slug ?? "?"}.mdx" for ${article.data.id}`,
      );
    }
    const { remarkPluginFrontmatter: fm } = await render(article);
    out.set(article.data.id, {
      article,
      facts: {
        answerText: String(fm.answerText ?? ""),
        answerHtml: String(fm.answerHtml ?? ""),
        hasDemo: Boolean(fm.hasDemo),
        hasCell: Boolean(fm.hasCell),
      },
    });
  }
  return out;
}

export async function indexRows(chapterId?: string): Promise<IndexRow[]> {
  const published = await publishedArticles();
  const list = chapterId ? questionsOfChapter(chapterId) : [...questions];
  return list.map((question) => {
    const found = published.get(question.id);
    return { question, article: found?.article, facts: found?.facts };
  });
}
