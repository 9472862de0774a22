/**
 * Progress in localStorage, under one versioned key. Every read is validated; a value that fails
 * (edited by hand, written by a broken extension, cut short) is treated as "no progress" — no page
 * breaks over it — and is kept aside under BACKUP_KEY before anything overwrites it.
 */
import { emptyProgress, type Progress, parseProgress, STORAGE_KEY } from "./progress-format";

const BACKUP_KEY = `${STORAGE_KEY}:corrupt`;
/** Fired on window after this page saved progress (other tabs get the native `storage` event). */
export const CHANGED_EVENT = "handbook:progress";

export type LoadState = "ok" | "empty" | "corrupt" | "unavailable";

export function loadProgress(): { progress: Progress; state: LoadState } {
  let text: string | null;
  try {
    text = localStorage.getItem(STORAGE_KEY);
  } catch {
    return { progress: emptyProgress(), state: "unavailable" };
  }
  if (text === null) return { progress: emptyProgress(), state: "empty" };
  const parsed = parseProgress(text);
  return parsed.ok ? { progress: parsed.progress, state: "ok" } : { progress: emptyProgress(), state: "corrupt" };
}

/** Saves progress; false when storage is unavailable or full. */
export function saveProgress(progress: Progress): boolean {
  try {
    const old = localStorage.getItem(STORAGE_KEY);
    if (old !== null && !parseProgress(old).ok) localStorage.setItem(BACKUP_KEY, old);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    return false;
  }
  window.dispatchEvent(new Event(CHANGED_EVENT));
  return true;
}

export function clearProgress(): boolean {
  try {
    localStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(BACKUP_KEY);
  } catch {
    return false;
  }
  window.dispatchEvent(new Event(CHANGED_EVENT));
  return true;
}

/** Calls `listener` when progress changes in this tab or another one. */
export function onProgressChange(listener: () => void) {
  window.addEventListener(CHANGED_EVENT, listener);
  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  });
}
