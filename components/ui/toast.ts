/** A short status message at the bottom of the screen (announced politely to screen readers). */
let timer: number | undefined;

export function toast(message: string) {
  const el = document.querySelector<HTMLElement>("[data-toast]");
  if (!el) return;
  el.textContent = message;
  el.classList.add("visible");
  clearTimeout(timer);
  timer = window.setTimeout(() => el.classList.remove("visible"), 2200);
}
