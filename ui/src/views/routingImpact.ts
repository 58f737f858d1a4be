// The impact preview of a proposed routing mode: who is affected, where calls go, and each
// touched queue's Erlang C outlook now and after.

import { h, setText } from "../dom";
import { DASH, fmtDuration, fmtPct } from "../format";
import { t } from "../i18n";
import type { ImpactDto, ProjectionDto } from "../ipc";

function projectionText(p: ProjectionDto | null): string {
  if (p === null) return t("routing.impact.closed");
  if (p.outlook === "noCalls") return t("routing.impact.noCalls");
  if (p.outlook === "unknown") return t("routing.impact.unknownAht");
  const line = t("routing.impact.projection", {
    sl: fmtPct(p.slPct),
    asa: p.asaSecs === null ? DASH : fmtDuration(p.asaSecs * 1_000),
    staffed: p.staffed,
    required: p.agentsRequired ?? DASH,
  });
  return p.outlook === "overloaded" ? `${line} · ${t("routing.impact.overloaded")}` : line;
}

function secs(value: number | null): string {
  return value === null ? DASH : fmtDuration(value * 1_000);
}

/** Renders `impact` into a fresh element (previews are rare: no in-place updates needed). */
export function renderImpact(impact: ImpactDto): HTMLElement {
  const facts = h(
    "ul",
    "routing-facts",
    { "data-testid": "routing-impact-facts" },
    h("li", "", { "data-testid": "routing-impact-waiting" }, t("routing.impact.waiting", { n: impact.callsWaitingAffected })),
    h("li", "", { "data-testid": "routing-impact-agents" }, t("routing.impact.agents", { n: impact.agentsAffected })),
  );
  if (impact.callbacksPerHour > 0 || impact.callbacksWaiting > 0) {
    facts.append(
      h(
        "li",
        "",
        {},
        t("routing.impact.callbacks", { waiting: impact.callbacksWaiting, perHour: impact.callbacksPerHour.toFixed(0) }),
      ),
    );
  }
  if (impact.supersedes.length > 0) {
    facts.append(h("li", "", {}, t("routing.impact.supersedes", { ids: impact.supersedes.map((i) => `#${i}`).join(", ") })));
  }
  const root = h("div", "routing-impact", { "data-testid": "routing-impact" }, facts);
  for (const note of impact.interactions) {
    root.append(
      h(
        "p",
        "routing-warning",
        { "data-testid": "routing-interaction" },
        `◆ ${t(`routing.impact.interaction.${note.kind}` as Parameters<typeof t>[0], { queues: note.queues.join(", ") })}`,
      ),
    );
  }
  if (impact.mode.kind === "regionalPriority") {
    root.append(
      h(
        "p",
        "",
        { "data-testid": "routing-impact-regional" },
        impact.regionalSharePct === null
          ? t("routing.impact.regionalUnknown")
          : t("routing.impact.regional", { share: fmtPct(impact.regionalSharePct), waiting: impact.regionalWaiting ?? 0 }),
      ),
    );
    const list = h("ul", "routing-facts");
    for (const q of impact.regionalQueues) {
      list.append(
        h(
          "li",
          "",
          {},
          t("routing.impact.regionalQueue", { queue: q.queue, mine: secs(q.asaPrioritisedSecs), others: secs(q.asaOthersSecs) }),
        ),
      );
    }
    root.append(list);
  }
  if (impact.destinations.length > 0) {
    const list = h("ul", "routing-facts", { "data-testid": "routing-destinations" });
    for (const d of impact.destinations) {
      const to = d.callback
        ? t("routing.impact.callback")
        : d.to.map((s) => `${s.queue} ${s.pct.toFixed(0)}%`).join(", ");
      list.append(h("li", "", {}, `${d.from} → ${to}`));
    }
    root.append(h("h4", "", {}, t("routing.impact.destinations")), list);
  }
  if (impact.queues.length > 0) {
    const head = h(
      "tr",
      "",
      {},
      h("th", "", {}, t("routing.impact.queue")),
      h("th", "", {}, t("routing.impact.role")),
      h("th", "", {}, t("routing.impact.before")),
      h("th", "", {}, t("routing.impact.after")),
    );
    const body = h("tbody");
    for (const q of impact.queues) {
      const row = h("tr", "", { "data-testid": "routing-impact-queue" });
      const cells = [q.queue, t(`routing.impact.role.${q.role}` as Parameters<typeof t>[0]), projectionText(q.before), projectionText(q.after)];
      for (const text of cells) {
        const cell = h("td");
        setText(cell, text);
        row.append(cell);
      }
      body.append(row);
    }
    root.append(h("table", "routing-table", {}, h("thead", "", {}, head), body));
  }
  return root;
}
