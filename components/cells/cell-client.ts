/**
 * The only cell code a page loads up front (well under 1 KB): it waits for the reader — a click on
 * a cell's button, Ctrl/Cmd+Enter in a cell, a shared link, or a "run on load" cell coming into view
 * — then loads the controller and hands it the action.
 */
import type { CellAction, CellController } from "./cell-controller";
import { SHARE_PREFIX } from "./share";

export function bindCells() {
  for (const root of document.querySelectorAll<HTMLElement>("[data-cell]")) {
    let controller: Promise<CellController> | undefined;
    const load = () => {
      controller ??= import("./cell-controller").then(({ bindCell }) => bindCell(root));
      return controller;
    };
    const onClick = (event: Event) => {
      const button = (event.target as Element).closest<HTMLElement>(
        "[data-run], [data-edit], [data-reset], [data-share]",
      );
      if (!button || controller) return;
      const action = (["run", "edit", "reset", "share"] as const).find((a) => button.hasAttribute(`data-${a}`));
      if (action) void load().then((c) => c.act(action));
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !controller) {
        event.preventDefault();
        void load().then((c) => c.act("run" satisfies CellAction));
      }
    };
    root.addEventListener("click", onClick);
    root.addEventListener("keydown", onKey);

    if (new URLSearchParams(location.search).has(SHARE_PREFIX + root.dataset.cell)) {
      void load();
    } else if (root.dataset.runOnLoad !== undefined) {
      // "Run on load" waits until the cell is about to be seen: the page itself stays light.
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer.disconnect();
            void load().then((c) => c.act("run"));
          }
        },
        { rootMargin: "200px" },
      );
      observer.observe(root);
    }
  }
}
