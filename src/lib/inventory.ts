/**
 * The question inventory: every question the handbook will cover, with its permanent ID and slug.
 * Articles are matched against it by ID; a question without an article is shown as "撰写中".
 */
import inventory from "../data/inventory.json" with { type: "json" };

export interface Chapter {
  id: string;
  title: string;
  titleEn: string;
}

export interface InventoryQuestion {
  id: string;
  slug: string;
  chapter: string;
  title: string;
  seeds: string[];
  errata: string[];
  sourceAnswer: string;
  demoIdea: string | null;
}

export const chapters: readonly Chapter[] = inventory.chapters;
export const questions: readonly InventoryQuestion[] = inventory.questions;

const byId = new Map(questions.map((q) => [q.id, q]));
const chapterById = new Map(chapters.map((c) => [c.id, c]));

export function inventoryQuestion(id: string): InventoryQuestion | undefined {
  return byId.get(id);
}

export function chapterOf(id: string): Chapter | undefined {
  return chapterById.get(id);
}

export function questionsOfChapter(chapterId: string): InventoryQuestion[] {
  return questions.filter((q) => q.chapter === chapterId);
}

/** Position of a question within its chapter, from its ID: "ATT-02" → 2. */
export function orderFromId(id: string): number {
  return Number(id.split("-")[1]);
}

export const QUESTION_ID = /^[A-Z]+-\d{2}$/;
