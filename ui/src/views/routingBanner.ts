// The banner every view shows while any disaster mode is in force: which, why, by whom, and
// when it reverts; and while a request waits for a second supervisor, so the lead who may
// approve it sees it from any view. Also says plainly when the platform is not applying the
// plan.

import { h, reconcileChildren, setAttr, setHidden, setText } from "../dom";
import { t } from "../i18n";
import type { FrameDto, RoutingDto } from "../ipc";
import { modeFacts, modeText } from "../routing";
import { namesOf } from "./routingView";

export interface RoutingBanner {
  root: HTMLElement;
  update(routing: RoutingDto | null, frame: FrameDto | null): void;
}

export function createRoutingBanner(open: () => void): RoutingBanner {
  const title = h("strong", "routing-banner-title", { "data-testid": "routing-banner-title" });
  const list = h("ul", "routing-banner-list");
  const problem = h("p", "routing-banner-problem", { "data-testid": "routing-banner-problem" });
  const waiting = h("p", "routing-banner-pending", { "data-testid": "routing-banner-pending" });
  const root = h(
    "aside",
    "routing-banner",
    { "data-testid": "routing-banner", role: "alert", tabindex: "0" },
    h("span", "routing-icon", { "aria-hidden": "true" }, "⚠"),
    h("div", "routing-banner-main", {}, title, list, waiting, problem),
  );
  root.hidden = true;
  root.addEventListener("click", open);
  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter") open();
  });
  const items = new Map<number, HTMLElement>();
  return {
    root,
    update(routing, frame) {
      const active = routing?.active ?? [];
      const pending = routing?.pending ?? [];
      setHidden(root, active.length === 0 && pending.length === 0);
      setText(waiting, pending.length > 0 ? t("routing.bannerPending", { n: pending.length }) : "");
      setHidden(waiting, pending.length === 0);
      setHidden(title, active.length === 0);
      if (active.length === 0) {
        // Nothing in force: no old text left behind.
        list.replaceChildren();
        items.clear();
        setText(problem, "");
        setHidden(problem, true);
        return;
      }
      setText(title, t("routing.banner", { n: active.length }));
      setAttr(root, "title", t("routing.bannerTitle"));
      const names = namesOf(frame);
      const used = new Set<number>();
      reconcileChildren(
        list,
        active.map((mode) => {
          used.add(mode.id);
          let item = items.get(mode.id);
          if (!item) {
            item = h("li", "", { "data-testid": `routing-banner-${mode.id}` });
            items.set(mode.id, item);
          }
          setText(item, `${modeText(mode.mode, names)} — ${mode.reason} — ${modeFacts(mode, routing?.nowMs ?? Date.now())}`);
          return item;
        }),
      );
      for (const id of items.keys()) if (!used.has(id)) items.delete(id);
      const message = routing?.platformProblem
        ? t("routing.platformProblem", { message: routing.platformProblem })
        : routing?.storeProblem
          ? t("routing.storeProblem", { message: routing.storeProblem })
          : "";
      setText(problem, message);
      setHidden(problem, message === "");
    },
  };
}
