/** URL helpers that respect the deployment base path (BASE_PATH). */
const BASE = import.meta.env.BASE_URL.replace(/\/?$/, "/");

export function withBase(path: string): string {
  return BASE + path.replace(/^\//, "");
}

export const questionPath = (slug: string) => withBase(`q/${slug}/`);
export const shortQuestionPath = (id: string) => withBase(`q/${id}/`);
export const chapterPath = (chapterId: string) => withBase(`c/${chapterId.toLowerCase()}/`);
export const reviewPath = (chapterId?: string) =>
  withBase(chapterId ? `review/${chapterId.toLowerCase()}/` : "review/");
export const drillPath = (chapterId?: string) => withBase(chapterId ? `drill/?chapter=${chapterId}` : "drill/");
export const progressPath = () => withBase("progress/");
/** The 1200×630 social preview of a question (src/integrations/social-images.ts), or of the site. */
export const socialImagePath = (id?: string) => withBase(`og/${id ?? "site"}.png`);
