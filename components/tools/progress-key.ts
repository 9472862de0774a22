/**
 * Where progress is stored and how a stored value identifies itself. Constants only: the site
 * script (on every page) imports them, so this module must stay this small.
 */

/** The one localStorage key. The version is part of the name: a new format gets a new key. */
export const STORAGE_KEY = "llm-handbook:progress:v1";
export const FORMAT = "llm-interview-handbook/progress";
export const VERSION = 1;
