// The requests waiting for a second supervisor, in the routing view: each with its impact in
// words, who asked and when it lapses, and "Approve and turn on" / "Refuse…" for another
// lead, or "Withdraw…" for the one who asked. The backend checks the role, that the approver
// is not the requester, and the plan version again.

import { h, reconcileChildren, setAttr, setHidden, setText } from "../dom";
import { fmtClockShort } from "../format";
import { t } from "../i18n";
import type { IpcErrorDto, PendingRequestDto, RoutingChangedDto, RoutingRequestDto } from "../ipc";
import { modeFacts, modeText, reasonProblem, untilText, type Names } from "../routing";

export interface RequestActions {
  change(request: RoutingRequestDto, expectedVersion: number): Promise<RoutingChangedDto>;
  notice(text: string): void;
  error(error: IpcErrorDto): string;
}

export interface RequestsRender {
  pending: PendingRequestDto[];
  names: Names;
  nowMs: number;
  version: number;
  mayToggle: boolean;
}

interface RequestRow {
  root: HTMLElement;
  update(pending: PendingRequestDto, view: RequestsRender): void;
}

function createRow(id: number, actions: RequestActions, version: () => number): RequestRow {
  const title = h("strong", "routing-mode-title");
  const reason = h("span", "routing-reason");
  const facts = h("div", "routing-mode-facts");
  const plan = h("div", "routing-mode-facts");
  const yours = h("p", "muted", { "data-testid": `routing-request-yours-${id}` });
  const approve = h("button", "button danger", { type: "button", "data-testid": `routing-approve-${id}` });
  const decline = h("button", "button", { type: "button", "data-testid": `routing-decline-${id}` });
  const why = h("input", "input", { type: "text", "data-testid": `routing-decline-reason-${id}`, maxlength: "500" });
  const confirmDecline = h("button", "button", { type: "button", "data-testid": `routing-decline-confirm-${id}` });
  const cancel = h("button", "button ghost", { type: "button" });
  const declineBox = h("div", "routing-off", {}, why, confirmDecline, cancel);
  declineBox.hidden = true;
  const root = h(
    "li",
    "routing-mode routing-request",
    { "data-testid": `routing-request-${id}` },
    h("span", "routing-icon", { "aria-hidden": "true" }, "⏳"),
    h("div", "routing-mode-main", {}, h("div", "", {}, title, " — ", reason), facts, plan, yours, declineBox),
    h("div", "routing-request-actions", {}, approve, decline),
  );
  let label = "";
  let mine = false;

  function send(request: RoutingRequestDto, done: string, button: HTMLButtonElement): void {
    button.disabled = true;
    actions
      .change(request, version())
      .then(() => actions.notice(done))
      .catch((error: IpcErrorDto) => actions.notice(actions.error(error)))
      .finally(() => {
        button.disabled = false;
      });
  }

  approve.addEventListener("click", () => send({ kind: "approve", id }, t("routing.approved", { what: label }), approve));
  decline.addEventListener("click", () => {
    declineBox.hidden = false;
    decline.hidden = true;
    why.focus();
  });
  cancel.addEventListener("click", () => {
    declineBox.hidden = true;
    decline.hidden = false;
  });
  confirmDecline.addEventListener("click", () => {
    const problem = reasonProblem(why.value);
    if (problem) {
      actions.notice(problem);
      return;
    }
    const done = mine ? t("routing.withdrawn", { what: label }) : t("routing.refused", { what: label });
    send({ kind: "decline", id, reason: why.value.trim() }, done, confirmDecline);
  });

  return {
    root,
    update(pending, view) {
      const request = pending.request;
      mine = pending.mine;
      label = modeText(request.mode, view.names);
      setText(title, label);
      setText(reason, request.reason);
      setText(
        facts,
        t("routing.pendingFacts", {
          user: request.activatedBy,
          time: fmtClockShort(request.activatedAtMs),
          left: untilText(pending.expiresAtMs - view.nowMs),
        }),
      );
      // What it will be once on (its revert time), without the "by … at …" already above.
      setText(plan, modeFacts(request, view.nowMs).split(" · ").slice(1).join(" · "));
      setText(yours, t("routing.yours"));
      setHidden(yours, !mine);
      setText(approve, t("routing.approve"));
      setText(decline, mine ? t("routing.withdraw") : t("routing.refuse"));
      setAttr(why, "placeholder", t("routing.refuseReason"));
      setText(confirmDecline, mine ? t("routing.confirmWithdraw") : t("routing.confirmRefuse"));
      setText(cancel, t("routing.cancel"));
      setHidden(approve, !view.mayToggle || mine);
      setHidden(decline, !view.mayToggle || !declineBox.hidden);
      root.dataset["mine"] = String(mine);
    },
  };
}

/** The section listing the requests; hidden while there are none. */
export function createRoutingRequests(actions: RequestActions, version: () => number): {
  root: HTMLElement;
  render(view: RequestsRender): void;
} {
  const title = h("h2", "settings-title");
  const list = h("ul", "routing-list", { "data-testid": "routing-requests" });
  const root = h("section", "settings-section routing-requests", { "data-testid": "routing-pending" }, title, list);
  const rows = new Map<number, RequestRow>();
  return {
    root,
    render(view) {
      setText(title, t("routing.pendingTitle"));
      setHidden(root, view.pending.length === 0);
      const used = new Set<number>();
      reconcileChildren(
        list,
        view.pending.map((pending) => {
          const id = pending.request.id;
          used.add(id);
          let row = rows.get(id);
          if (!row) {
            row = createRow(id, actions, version);
            rows.set(id, row);
          }
          row.update(pending, view);
          return row.root;
        }),
      );
      for (const id of rows.keys()) if (!used.has(id)) rows.delete(id);
    },
  };
}
