/** URL helpers that respect the deployment base path (BASE_PATH). */
const BASE = import.meta.env.BASE_URL.replace(/\/?$/, "/");

export function withBase(path: string): string {
  return BASE + path.replace(/^\//, "");
}

export const questionPath = (slug: string) => withBase(`q/${slug}/`);
export const shortQuestionPath = (id: string) => withBase(`q/${id}/`);
export const chapterPath = (chapterId: string) => withBase(`c/${chapterId.toLowerCase()}/`);
