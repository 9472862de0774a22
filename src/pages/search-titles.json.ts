/**
 * Titles and tags of every published question, for the search box. Pagefind ranks Chinese queries
 * character by character, so an article whose title or tags contain the whole query ("层归一化",
 * "梯度消失") is put first by the client (see components/search/search-ui.ts).
 */
import type { APIRoute } from "astro";
import { publishedArticles } from "../lib/articles";
import { questions } from "../lib/inventory";
import { questionPath } from "../lib/paths";

export interface TitleEntry {
  id: string;
  url: string;
  title: string;
  tags: string[];
  answer: string;
}

export const GET: APIRoute = async () => {
  const published = await publishedArticles();
  // In inventory order, so equally good matches list in the handbook's order.
  const entries: TitleEntry[] = questions.flatMap((question) => {
    const found = published.get(question.id);
    if (!found) return [];
    const { article, facts } = found;
    return [
      {
        id: question.id,
        url: questionPath(question.slug),
        title: article.data.title,
        tags: article.data.tags,
        answer: facts.answerText.slice(0, 90),
      },
    ];
  });
  return new Response(JSON.stringify(entries), { headers: { "Content-Type": "application/json" } });
};
