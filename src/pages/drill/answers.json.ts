/**
 * The 一句话回答 of every published question as rendered HTML (with KaTeX), by question ID. The
 * self-test page loads it when a session starts, so the page itself stays light as the handbook grows.
 */
import type { APIRoute } from "astro";
import { publishedArticles } from "../../lib/articles";

export const GET: APIRoute = async () => {
  const published = await publishedArticles();
  const answers = Object.fromEntries([...published].map(([id, { facts }]) => [id, facts.answerHtml]));
  return new Response(JSON.stringify(answers), { headers: { "Content-Type": "application/json" } });
};
